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

        return From(values.GetValueOrDefault("q"), values.GetValueOrDefault("type"), values.GetValueOrDefault("status"),
            values.GetValueOrDefault("division"), values.GetValueOrDefault("tag"), values.GetValueOrDefault("blacklisted"),
            values.GetValueOrDefault("sort"), values.GetValueOrDefault("desc"), values.GetValueOrDefault("churn"), values.GetValueOrDefault("plantype"));
    }

    /// <summary>The query from the list page's URL parameters, each as the URL carries it.</summary>
    public static CustomerQuery From(
        string? text, string? type, string? status, string? division, string? tag, string? blacklisted, string? sort, string? descending,
        string? churn = null, string? planType = null) => new()
        {
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
            Type = Enum.TryParse<CustomerType>(type, true, out var t) && Enum.IsDefined(t) ? t : null,
            Status = Enum.TryParse<CustomerStatusFilter>(status, true, out var s) && Enum.IsDefined(s) ? s : CustomerStatusFilter.Active,
            DivisionId = int.TryParse(division, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null,
            Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant(),
            Blacklisted = bool.TryParse(blacklisted, out var b) ? b : null,
            Sort = Enum.TryParse<CustomerSort>(sort, true, out var o) && Enum.IsDefined(o) ? o : CustomerSort.Name,
            Descending = bool.TryParse(descending, out var desc) && desc,
            ChurnRisk = Enum.TryParse<Subscriptions.ChurnRisk>(churn, true, out var r) && Enum.IsDefined(r) ? r : null,
            ServiceTypeId = int.TryParse(planType, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null,
        };
}
