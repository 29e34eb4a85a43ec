using System.Globalization;
using System.Text;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// The customer list's search as a URL query (<c>q=khumalo&amp;type=Business&amp;status=All&amp;sort=City&amp;desc=true</c>):
/// what the list puts in the address bar (so a search can be bookmarked) and what a saved search stores. Defaults are
/// left out; unknown or malformed values are ignored.
/// </summary>
public static class CustomerQueryString
{
    public static string Format(CustomerQuery query)
    {
        var parts = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            parts.Add(("q", query.Text.Trim()));
        }

        if (query.Type is { } type)
        {
            parts.Add(("type", type.ToString()));
        }

        if (query.Status != CustomerStatusFilter.Active)
        {
            parts.Add(("status", query.Status.ToString()));
        }

        if (query.DivisionId is { } division)
        {
            parts.Add(("division", division.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            parts.Add(("tag", query.Tag));
        }

        if (query.Blacklisted is { } blacklisted)
        {
            parts.Add(("blacklisted", blacklisted ? "true" : "false"));
        }

        if (query.InstitutionId is { } institution)
        {
            parts.Add(("institution", institution.ToString(CultureInfo.InvariantCulture)));
        }

        if (query.Designation is { } designation)
        {
            parts.Add(("designation", designation.ToString()));
        }

        if (query.AssignedToMe)
        {
            parts.Add(("assigned", "me"));
        }
        else if (query.AssigneeId is { } assignee)
        {
            parts.Add(("assigned", assignee.ToString(CultureInfo.InvariantCulture)));
        }

        if (query.Member is { } member)
        {
            parts.Add(("member", member ? "true" : "false"));
        }

        if (query.ChurnRisk is { } risk)
        {
            parts.Add(("churn", risk.ToString()));
        }

        if (query.ServiceTypeId is { } serviceType)
        {
            parts.Add(("plantype", serviceType.ToString(CultureInfo.InvariantCulture)));
        }

        if (query.Sort != CustomerSort.Name)
        {
            parts.Add(("sort", query.Sort.ToString()));
        }

        if (query.Descending)
        {
            parts.Add(("desc", "true"));
        }

        var text = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    /// <summary>Reads a query string (with or without the leading "?").</summary>
    public static CustomerQuery Parse(string? queryString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((at < 0 ? pair : pair[..at]).Replace('+', ' '));
            var value = at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
            values[name] = value;
        }

        return From(name => values.GetValueOrDefault(name));
    }

    /// <summary>The query from the list page's URL parameters, each read by its name as the URL carries it.</summary>
    public static CustomerQuery From(Func<string, string?> value)
    {
        var (text, tag, assigned) = (value("q"), value("tag"), value("assigned"));
        return new()
        {
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
            Type = Enum.TryParse<CustomerType>(value("type"), true, out var t) && Enum.IsDefined(t) ? t : null,
            Status = Enum.TryParse<CustomerStatusFilter>(value("status"), true, out var s) && Enum.IsDefined(s) ? s : CustomerStatusFilter.Active,
            DivisionId = Id(value("division")),
            Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant(),
            Blacklisted = bool.TryParse(value("blacklisted"), out var b) ? b : null,
            Member = bool.TryParse(value("member"), out var m) ? m : null,
            InstitutionId = Id(value("institution")),
            Designation = Enum.TryParse<Institutions.Designation>(value("designation"), true, out var g) && Enum.IsDefined(g) && !int.TryParse(value("designation"), out _) ? g : null,
            AssignedToMe = string.Equals(assigned, "me", StringComparison.OrdinalIgnoreCase),
            AssigneeId = Id(assigned),
            Sort = Enum.TryParse<CustomerSort>(value("sort"), true, out var o) && Enum.IsDefined(o) ? o : CustomerSort.Name,
            Descending = bool.TryParse(value("desc"), out var desc) && desc,
            ChurnRisk = Enum.TryParse<Subscriptions.ChurnRisk>(value("churn"), true, out var r) && Enum.IsDefined(r) ? r : null,
            ServiceTypeId = Id(value("plantype")),
        };
    }

    private static int? Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
