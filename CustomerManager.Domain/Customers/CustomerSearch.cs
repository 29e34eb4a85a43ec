using System.Globalization;
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
    bool IsBlacklisted);

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

        if (AccountNumber(q) is { } account)
        {
            return new SearchText(SearchTextKind.AccountNumber, account);
        }

        if (TryCustomerNumber(q, out var customerNumber))
        {
            return new SearchText(SearchTextKind.CustomerNumber, customerNumber);
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

        var phone = digits >= 6 && HasOnlyPhoneCharacters(q) ? ContactNormalisation.TryNormalisePhone(q, defaultPhoneCountryCode) : null;
        var nationalId = digits >= 4 ? NationalIdOf(q) : null;
        // Digits with spaces or dashes ("082 123 4567") are a number, not the start of a name.
        var key = ContactNormalisation.NameKey(q);
        return key.Length > 0 && digits < key.Length && key.Any(char.IsLetter)
            ? new SearchText(SearchTextKind.Name, key, phone, nationalId)
            : new SearchText(SearchTextKind.PhoneOrNationalId, null, phone, nationalId);
    }

    /// <summary>The account number the text is, normalised (e.g. "clo-cust-12" → CLO-CUST-000012), or null.</summary>
    public static string? AccountNumber(string? text)
    {
        var q = (text ?? "").Trim();
        // Three letters, "-CUST", an optional dash, 1 to 9 digits.
        if (q.Length < 9 || !char.IsAsciiLetter(q[0]) || !char.IsAsciiLetter(q[1]) || !char.IsAsciiLetter(q[2])
            || !q.AsSpan(3, 5).Equals("-CUST", StringComparison.OrdinalIgnoreCase)
            || !TryDigits(q.AsSpan(q[8] == '-' ? 9 : 8), out var value))
        {
            return null;
        }

        return Numbering.NumberSequence.Format($"{q[..3].ToUpperInvariant()}-CUST", value);
    }

    /// <summary>"UCST", an optional dash, 1 to 9 digits (any case, leading zeros optional).</summary>
    private static bool TryCustomerNumber(string q, out string number)
    {
        number = "";
        if (q.Length < 5 || !q.AsSpan(0, 4).Equals(Customer.NumberPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digitsStart = q[4] == '-' ? 5 : 4;
        if (!TryDigits(q.AsSpan(digitsStart), out var value))
        {
            return false;
        }

        number = Numbering.NumberSequence.Format(Customer.NumberPrefix, value);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

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

        if (text.Phone is { } phone)
        {
            exact.Add(c => c.PrimaryPhone == phone);
            exact.Add(c => c.AlternatePhone == phone);
        }

        if (text.NationalId is { } nationalId)
        {
            exact.Add(c => c.NationalId == nationalId);
        }

        if (text.NameKey is { } key)
        {
            // A prefix as a range (key <= x < key + U+FFFF) uses the plain index on both providers, unlike LIKE.
            var upper = key + '\uffff';
            var prefix = AnyOf(
            [
                c => string.Compare(c.FirstNameKey, key) >= 0 && string.Compare(c.FirstNameKey, upper) < 0,
                c => string.Compare(c.LastNameKey, key) >= 0 && string.Compare(c.LastNameKey, upper) < 0,
                c => string.Compare(c.FullNameKey, key) >= 0 && string.Compare(c.FullNameKey, upper) < 0,
                c => string.Compare(c.CompanyNameKey, key) >= 0 && string.Compare(c.CompanyNameKey, upper) < 0,
            ]);
            return new SearchPlan([], exact.Count == 0 ? prefix : AnyOf([.. exact, prefix]));
        }

        return new SearchPlan(exact.Count == 0 ? [c => false] : exact, null);
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
