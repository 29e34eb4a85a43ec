using System.Linq.Expressions;
using System.Text.RegularExpressions;

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
/// How a search runs: <see cref="ExactLookups"/> are key lookups whose matching ids are fetched first (each through its
/// own index) so the page query touches only those rows; <see cref="NamePrefix"/> filters the list directly.
/// </summary>
public sealed record SearchPlan(IReadOnlyList<Expression<Func<Customer, bool>>> ExactLookups, Expression<Func<Customer, bool>>? NamePrefix)
{
    public static readonly SearchPlan Everything = new([], null);

    /// <summary>The key lookup in plain terms, for the precompiled fast path of the common case.</summary>
    public KeyLookup? Key { get; init; }

    public static SearchPlan Exact(Expression<Func<Customer, bool>> lookup) => new([lookup], null);

    public static SearchPlan Prefix(Expression<Func<Customer, bool>> prefix) => new([], prefix);

    public bool IsExact => ExactLookups.Count > 0;
}

public enum KeyKind
{
    CustomerNumber,
    Email,
    PhoneOrNationalId,
}

/// <summary>A key lookup: the normalised value(s) to look up (an empty string matches nothing).</summary>
public sealed record KeyLookup(KeyKind Kind, string Value, string? NationalId);

/// <summary>
/// Turns what a clerk typed into indexed predicates: a customer or account number, an e-mail, a phone number in any
/// format, a national ID, or a name prefix (first, last, full or company name).
/// </summary>
public static partial class CustomerSearchText
{
    /// <summary>
    /// The index lookups for what was typed. Exact paths (number, e-mail, phone, national ID) come back as separate
    /// predicates, each answered by its own index; a name comes back as one prefix predicate over the four name keys.
    /// </summary>
    public static SearchPlan Plan(string? text, string defaultPhoneCountryCode)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0)
        {
            return SearchPlan.Everything;
        }

        if (CustomerNumberPattern().Match(q) is { Success: true } number)
        {
            var wanted = Numbering.NumberSequence.Format(Customer.NumberPrefix, long.Parse(number.Groups[1].Value));
            return SearchPlan.Exact(c => c.CustomerNumber == wanted) with { Key = new KeyLookup(KeyKind.CustomerNumber, wanted, null) };
        }

        if (q.Contains('@'))
        {
            var email = q.ToLowerInvariant();
            return SearchPlan.Exact(c => c.PrimaryEmail == email) with { Key = new KeyLookup(KeyKind.Email, email, null) };
        }

        var exact = new List<Expression<Func<Customer, bool>>>();
        var digits = q.Count(char.IsAsciiDigit);
        string? phone = null;
        if (digits >= 6 && PhoneCharacters().IsMatch(q)
            && ContactNormalisation.TryNormalisePhone(q, defaultPhoneCountryCode) is { } normalisedPhone)
        {
            phone = normalisedPhone;
            exact.Add(c => c.PrimaryPhone == phone);
            exact.Add(c => c.AlternatePhone == phone);
        }

        var nationalId = new string(q.Where(ch => !char.IsWhiteSpace(ch) && ch != '-').ToArray()).ToUpperInvariant();
        var isNationalId = digits >= 4 && nationalId.Length is >= 4 and <= 20 && nationalId.All(char.IsAsciiLetterOrDigit);
        if (isNationalId)
        {
            exact.Add(c => c.NationalId == nationalId);
        }

        var key = ContactNormalisation.NameKey(q);
        if (key.Length > 0 && digits < key.Length)
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
            return exact.Count == 0 ? SearchPlan.Prefix(prefix) : SearchPlan.Prefix(AnyOf([.. exact, prefix]));
        }

        return exact.Count == 0
            ? SearchPlan.Exact(c => false)
            : new SearchPlan(exact, null) { Key = new KeyLookup(KeyKind.PhoneOrNationalId, phone ?? "", isNationalId ? nationalId : "") };
    }

    /// <summary>The account number the text is, normalised (e.g. "clo-cust-12" → CLO-CUST-000012), or null.</summary>
    public static string? AccountNumber(string? text)
    {
        var match = AccountNumberPattern().Match((text ?? "").Trim());
        return match.Success
            ? Numbering.NumberSequence.Format($"{match.Groups[1].Value.ToUpperInvariant()}-CUST", long.Parse(match.Groups[2].Value))
            : null;
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

    [GeneratedRegex(@"^UCST-?(\d{1,9})$", RegexOptions.IgnoreCase)]
    private static partial Regex CustomerNumberPattern();

    [GeneratedRegex(@"^([A-Za-z]{3})-CUST-?(\d{1,9})$", RegexOptions.IgnoreCase)]
    private static partial Regex AccountNumberPattern();

    [GeneratedRegex(@"^\+?[\d\s\-\(\)\./]+$")]
    private static partial Regex PhoneCharacters();
}
