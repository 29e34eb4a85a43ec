using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// A named customer-list search (text, filters, sort as <see cref="CustomerQueryString"/>), kept private to its owner or
/// shared with everyone. Only the owner or an admin renames, re-shares or deletes it.
/// </summary>
public class SavedSearch
{
    public const int NameMaxLength = 80;
    public const int QueryMaxLength = 1000;

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The list's URL query, e.g. <c>q=khumalo&amp;status=All</c>.</summary>
    public string Query { get; private set; } = "";

    public bool IsShared { get; private set; }

    public string OwnerUserId { get; private set; } = "";

    public string OwnerUserName { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    private SavedSearch()
    {
    }

    public SavedSearch(string name, CustomerQuery query, bool shared, string ownerUserId, string ownerUserName, DateTime nowUtc)
    {
        Name = ValidName(name);
        Query = ValidQuery(query);
        IsShared = shared;
        OwnerUserId = ownerUserId;
        OwnerUserName = ownerUserName;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public CustomerQuery ToQuery() => CustomerQueryString.Parse(Query);

    public void Rename(string name, DateTime nowUtc)
    {
        Name = ValidName(name);
        UpdatedAtUtc = nowUtc;
    }

    public void Share(bool shared, DateTime nowUtc)
    {
        IsShared = shared;
        UpdatedAtUtc = nowUtc;
    }

    public void Replace(CustomerQuery query, DateTime nowUtc)
    {
        Query = ValidQuery(query);
        UpdatedAtUtc = nowUtc;
    }

    private static string ValidName(string name) =>
        TextRules.Required(name, NameMaxLength, "name of the search", nameof(Name));

    private static string ValidQuery(CustomerQuery query)
    {
        var text = CustomerQueryString.Format(query);
        if (text.Length > QueryMaxLength)
        {
            throw new DomainException($"The search is too long to save (at most {QueryMaxLength} characters).", nameof(Query));
        }

        return text;
    }
}
