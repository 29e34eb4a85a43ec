using System.Linq.Expressions;

namespace CustomerManager.Domain.Customers;

public enum CustomerStatusFilter
{
    Active,
    Inactive,
    All,
}

public enum CustomerSort
{
    Name,
    Number,
    Created,
    City,

    /// <summary>Highest churn risk of the customer's subscriptions first (issue 19); customers without one last.</summary>
    ChurnRisk,

    /// <summary>The soonest next billing date of the customer's active subscriptions first; customers without one last.</summary>
    NextBilling,
}

/// <summary>The customer list's search box, filters and sort.</summary>
public sealed record CustomerQuery
{
    public string? Text { get; init; }

    public CustomerType? Type { get; init; }

    public CustomerStatusFilter Status { get; init; } = CustomerStatusFilter.Active;

    public int? DivisionId { get; init; }

    public string? Tag { get; init; }

    public bool? Blacklisted { get; init; }

    /// <summary>Customers with a subscription (not cancelled) at this churn risk.</summary>
    public Subscriptions.ChurnRisk? ChurnRisk { get; init; }

    /// <summary>Customers with a subscription (not cancelled) to a plan of this service type (Fiber, Broadband...).</summary>
    public int? ServiceTypeId { get; init; }

    /// <summary>Members of this institution.</summary>
    public int? InstitutionId { get; init; }

    /// <summary>Members with this designation (at any institution unless <see cref="InstitutionId"/> is set too).</summary>
    public Institutions.Designation? Designation { get; init; }

    /// <summary>Customers this employee is actively assigned to.</summary>
    public int? AssigneeId { get; init; }

    /// <summary>Customers the signed-in user's employee is actively assigned to (none when the user is no employee).</summary>
    public bool AssignedToMe { get; init; }

    /// <summary>
    /// Members (true) or not (false) in <see cref="DivisionId"/>, or with no division chosen in any division the user
    /// works in: "not a member" means no member account there.
    /// </summary>
    public bool? Member { get; init; }

    /// <summary>Whether a filter beyond status applies (the plain-SQL list paths serve only unfiltered lists).</summary>
    public bool HasFilters => Type is not null || DivisionId is not null || Tag is not null || Blacklisted is not null
        || InstitutionId is not null || Designation is not null || AssigneeId is not null || AssignedToMe
        || ChurnRisk is not null || ServiceTypeId is not null || Member is not null;

    public CustomerSort Sort { get; init; } = CustomerSort.Name;

    public bool Descending { get; init; }
}

public sealed record CustomerListItem(
    int Id,
    string CustomerNumber,
    string FullName,
    CustomerType Type,
    string PrimaryPhone,
    string? PrimaryEmail,
    string? City,
    bool IsActive,
    bool IsBlacklisted)
{
    /// <summary>The institution the customer belongs to (code), filled in after the page is read.</summary>
    public string? InstitutionCode { get; init; }

    public int? InstitutionId { get; init; }

    public Institutions.Designation? Designation { get; init; }

    /// <summary>The highest churn risk of the customer's subscriptions (not cancelled) in the user's divisions; null: none.</summary>
    public Subscriptions.ChurnRisk? ChurnRisk { get; init; }

    /// <summary>The employees actively assigned to the customer, by name.</summary>
    public IReadOnlyList<string> Assignees { get; init; } = [];

    /// <summary>Whether the row has active assignees (set by the plain-SQL reader with <see cref="RelationsKnown"/>).</summary>
    internal bool HasAssignees { get; init; }

    /// <summary>The row says itself whether it has an institution and assignees, so only those rows are looked up.</summary>
    internal bool RelationsKnown { get; init; }
}

/// <summary>
/// A page of the customer list. <see cref="CountIsCapped"/>: at least <see cref="TotalCount"/> match (broad searches
/// stop counting there). <see cref="Position"/> lets the next request read on from this page (keyset paging).
/// </summary>
public sealed record CustomerListPage(
    IReadOnlyList<CustomerListItem> Items, int TotalCount, bool CountIsCapped, CustomerListPosition? Position);

/// <summary>Where a page of the unfiltered list starts and ends (sort key and id of its first and last rows).</summary>
public sealed record CustomerListPosition(CustomerQuery Query, int Skip, int Take, string FirstKey, int FirstId, string LastKey, int LastId);

public enum SearchTextKind
{
    /// <summary>Nothing typed: every customer.</summary>
    Everything,
    CustomerNumber,
    AccountNumber,
    Email,

    /// <summary>A phone number and/or a national ID (either may be null; neither means nothing matches).</summary>
    PhoneOrNationalId,

    /// <summary>The start of a name, optionally also a phone number or national ID.</summary>
    Name,
}

/// <summary>
/// What a clerk typed, classified once and normalised: a customer or division account number, an e-mail, a phone
/// number in any format, a national ID, or a name prefix (first, last, full or company name).
/// </summary>
public sealed record SearchText(SearchTextKind Kind, string? Value = null, string? Phone = null, string? NationalId = null)
{
    /// <summary>
    /// The phone number read the other way when digits could be either: "27731000046" is national (+2727731000046) or,
    /// with the country code and no plus, +27731000046. Searched as well as <see cref="Phone"/>.
    /// </summary>
    public string? OtherPhone { get; init; }

    /// <summary>
    /// Surname and first-name prefix pairs for names typed "Khumalo, David" or in either order ("David Khumalo",
    /// "Khumalo David"): each is found as last name = surname and first name starting with the rest.
    /// </summary>
    public IReadOnlyList<(string LastName, string FirstNamePrefix)> NameOrders { get; init; } = [];

    public static readonly SearchText Everything = new(SearchTextKind.Everything);

    /// <summary>The normalised name key a name search matches the start of (for <see cref="SearchTextKind.Name"/>).</summary>
    public string? NameKey => Kind == SearchTextKind.Name ? Value : null;

    /// <summary>A plain key lookup: a handful of rows found through unique or selective indexes.</summary>
    public bool IsKeyLookup => Kind is SearchTextKind.CustomerNumber or SearchTextKind.AccountNumber or SearchTextKind.Email
        or SearchTextKind.PhoneOrNationalId;
}

/// <summary>Classifies search-box text with plain character checks (it runs on every keystroke).</summary>
public static class CustomerSearchText
{
    public static SearchText Parse(string? text, string defaultPhoneCountryCode)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0)
        {
            return SearchText.Everything;
        }

        switch (Search.RecordNumber.Parse(q))
        {
            case { Kind: Search.RecordKind.Account } account:
                return new SearchText(SearchTextKind.AccountNumber, account.Number);
            case { Kind: Search.RecordKind.Customer } customer:
                return new SearchText(SearchTextKind.CustomerNumber, customer.Number);
        }

        if (q.Contains('@'))
        {
            return new SearchText(SearchTextKind.Email, q.ToLowerInvariant());
        }

        var digits = 0;
        foreach (var c in q)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        var isPhone = digits >= 6 && HasOnlyPhoneCharacters(q);
        var phone = isPhone ? ContactNormalisation.TryNormalisePhone(q, defaultPhoneCountryCode) : null;
        var otherPhone = isPhone && q[0] != '+' && DigitsOf(q) is var all && all.StartsWith(defaultPhoneCountryCode, StringComparison.Ordinal)
            ? ContactNormalisation.TryNormalisePhone("+" + all, defaultPhoneCountryCode)
            : null;
        otherPhone = otherPhone != phone ? otherPhone : null;
        var nationalId = digits >= 4 ? NationalIdOf(q) : null;
        // Digits with spaces or dashes ("082 123 4567") are a number, not the start of a name.
        var key = ContactNormalisation.NameKey(q);
        return key.Length > 0 && digits < key.Length && key.Any(char.IsLetter)
            ? new SearchText(SearchTextKind.Name, key, phone, nationalId) { OtherPhone = otherPhone, NameOrders = NameOrdersOf(q, key) }
            : new SearchText(SearchTextKind.PhoneOrNationalId, null, phone, nationalId) { OtherPhone = otherPhone };
    }

    /// <summary>The name a layby or other list searches by: its key and the orders it may be in; null without letters.</summary>
    public static SearchText? Name(string? text)
    {
        var key = ContactNormalisation.NameKey(text);
        return key.Any(char.IsLetter) ? new SearchText(SearchTextKind.Name, key) { NameOrders = NameOrdersOf(text!, key) } : null;
    }

    /// <summary>A name of up to this many words is also tried as surname + first name, split at every word.</summary>
    private const int MaxNameOrderWords = 4;

    /// <summary>
    /// "Khumalo, David": surname before the comma. Otherwise every split into two word groups, each group as the
    /// surname and the other as the start of the first name ("David Khumalo" and "Khumalo David").
    /// </summary>
    private static IReadOnlyList<(string, string)> NameOrdersOf(string text, string key)
    {
        var comma = text.IndexOf(',');
        if (comma >= 0)
        {
            var last = ContactNormalisation.NameKey(text[..comma]);
            return last.Length > 0 ? [(last, ContactNormalisation.NameKey(text[(comma + 1)..]))] : [];
        }

        var words = key.Split(' ');
        if (words.Length is < 2 or > MaxNameOrderWords)
        {
            return [];
        }

        var orders = new List<(string, string)>();
        for (var i = 1; i < words.Length; i++)
        {
            var (head, tail) = (string.Join(' ', words[..i]), string.Join(' ', words[i..]));
            orders.Add((tail, head));
            orders.Add((head, tail));
        }

        return orders;
    }

    private static string DigitsOf(string q) => new(q.Where(char.IsAsciiDigit).ToArray());

    /// <summary>An optional "+", then only digits, white space and - ( ) . / (what people put in phone numbers).</summary>
    private static bool HasOnlyPhoneCharacters(string q)
    {
        for (var i = q[0] == '+' ? 1 : 0; i < q.Length; i++)
        {
            var c = q[i];
            if (!(char.IsDigit(c) || char.IsWhiteSpace(c) || c is '-' or '(' or ')' or '.' or '/'))
            {
                return false;
            }
        }

        return q.Length > (q[0] == '+' ? 1 : 0);
    }

    /// <summary>Upper-cased without white space or dashes when that is 4 to 20 letters and digits; otherwise null.</summary>
    private static string? NationalIdOf(string q)
    {
        var id = new System.Text.StringBuilder(q.Length);
        foreach (var c in q)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    return null;
                }

                id.Append(char.ToUpperInvariant(c));
            }
        }

        return id.Length is >= 4 and <= 20 ? id.ToString() : null;
    }
}

/// <summary>
/// The general (LINQ) form of a search: <see cref="ExactLookups"/> are key lookups whose matching ids are fetched first
/// (each through its own index) so the page query touches only those rows; <see cref="NamePrefix"/> filters the list.
/// </summary>
public sealed record SearchPlan(IReadOnlyList<Expression<Func<Customer, bool>>> ExactLookups, Expression<Func<Customer, bool>>? NamePrefix)
{
    public bool IsExact => ExactLookups.Count > 0;

    /// <summary>
    /// The predicates for classified text. Exact paths (number, e-mail, phone, national ID) come back as separate
    /// predicates, each answered by its own index; a name comes back as one prefix predicate over the four name keys
    /// (or'ed with any phone or national ID the text also is). Account numbers are resolved by the caller.
    /// </summary>
    public static SearchPlan For(SearchText text)
    {
        var exact = new List<Expression<Func<Customer, bool>>>();
        switch (text.Kind)
        {
            case SearchTextKind.Everything:
            case SearchTextKind.AccountNumber:
                return new SearchPlan([], null);
            case SearchTextKind.CustomerNumber:
                var number = text.Value;
                return new SearchPlan([c => c.CustomerNumber == number], null);
            case SearchTextKind.Email:
                var email = text.Value;
                return new SearchPlan([c => c.PrimaryEmail == email], null);
        }

        foreach (var phone in new[] { text.Phone, text.OtherPhone }.OfType<string>())
        {
            exact.Add(c => c.PrimaryPhone == phone);
            exact.Add(c => c.AlternatePhone == phone);
        }

        if (text.NationalId is { } nationalId)
        {
            exact.Add(c => c.NationalId == nationalId);
        }

        if (NameMatch(text) is { } prefix)
        {
            return new SearchPlan([], exact.Count == 0 ? prefix : AnyOf([.. exact, prefix]));
        }

        return new SearchPlan(exact.Count == 0 ? [c => false] : exact, null);
    }

    /// <summary>
    /// Customers whose first, last, full or company name starts with the name typed, or whose surname is one of its
    /// <see cref="SearchText.NameOrders"/> with the first name starting with the rest; null when the text is no name.
    /// Each alternative reads one name index (a prefix as a range, key &lt;= x &lt; key + U+FFFF, uses the plain index on
    /// both providers, unlike LIKE).
    /// </summary>
    public static Expression<Func<Customer, bool>>? NameMatch(SearchText text)
    {
        if (text.NameKey is not { } key)
        {
            return null;
        }

        var upper = key + '\uffff';
        List<Expression<Func<Customer, bool>>> alternatives =
        [
            c => string.Compare(c.FirstNameKey, key) >= 0 && string.Compare(c.FirstNameKey, upper) < 0,
            c => string.Compare(c.LastNameKey, key) >= 0 && string.Compare(c.LastNameKey, upper) < 0,
            c => string.Compare(c.FullNameKey, key) >= 0 && string.Compare(c.FullNameKey, upper) < 0,
            c => string.Compare(c.CompanyNameKey, key) >= 0 && string.Compare(c.CompanyNameKey, upper) < 0,
        ];
        alternatives.AddRange(text.NameOrders.Select(o => SurnameAndFirstName(o.LastName, o.FirstNamePrefix)));
        return AnyOf(alternatives);
    }

    private static Expression<Func<Customer, bool>> SurnameAndFirstName(string last, string first)
    {
        var upper = first + '\uffff';
        return c => c.LastNameKey == last && string.Compare(c.FirstNameKey, first) >= 0 && string.Compare(c.FirstNameKey, upper) < 0;
    }

    private static Expression<Func<Customer, bool>> AnyOf(IReadOnlyList<Expression<Func<Customer, bool>>> predicates)
    {
        var parameter = Expression.Parameter(typeof(Customer), "c");
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var replaced = new ParameterReplacer(predicate.Parameters[0], parameter).Visit(predicate.Body);
            body = body is null ? replaced : Expression.OrElse(body, replaced);
        }

        return Expression.Lambda<Func<Customer, bool>>(body!, parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
