namespace CustomerManager.Domain.Common;

/// <summary>
/// A row with free text that can hold a customer's personal data. A pseudonymisation overwrites exactly
/// <see cref="PersonalProperties"/>; on an append-only row (a statement, a credit line event) that is the only change
/// the audit interceptor allows, and only in the save that records the pseudonymisation.
/// </summary>
public interface IHoldsPersonalData
{
    IReadOnlyCollection<string> PersonalProperties { get; }

    /// <summary>
    /// Replaces the personal fields with <see cref="Pseudonym.Removed"/> (or a neutral value); text that also says other
    /// things (a ledger description) loses only the occurrences of <paramref name="personalValues"/>.
    /// </summary>
    void RemovePersonalData(IReadOnlyList<string> personalValues);
}

/// <summary>What a pseudonymised value reads.</summary>
public static class Pseudonym
{
    public const string Removed = "(removed)";
}

/// <summary>Removes a customer's personal values from free text that also says other things (a ledger description).</summary>
public static class PersonalText
{
    /// <summary>The text with every occurrence of a personal value (any case) replaced by <see cref="Pseudonym.Removed"/>.</summary>
    public static string? Without(string? text, IReadOnlyList<string> personalValues)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in personalValues.Where(v => v.Length > 0).OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Pseudonym.Removed, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>The same inside the string values of a JSON document (names and structure untouched).</summary>
    public static string WithoutInJson(string json, IReadOnlyList<string> personalValues)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json);
        if (root is null || !Scrub(root, personalValues))
        {
            return json;
        }

        return root.ToJsonString();
    }

    private static bool Scrub(System.Text.Json.Nodes.JsonNode node, IReadOnlyList<string> personalValues)
    {
        var changed = false;
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (child is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var without = Without(text, personalValues);
                        if (without != text)
                        {
                            o[name] = without;
                            changed = true;
                        }
                    }
                    else if (child is not null)
                    {
                        changed |= Scrub(child, personalValues);
                    }
                }

                break;
            case System.Text.Json.Nodes.JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var without = Without(text, personalValues);
                        if (without != text)
                        {
                            a[i] = without;
                            changed = true;
                        }
                    }
                    else if (a[i] is { } child)
                    {
                        changed |= Scrub(child, personalValues);
                    }
                }

                break;
        }

        return changed;
    }
}
