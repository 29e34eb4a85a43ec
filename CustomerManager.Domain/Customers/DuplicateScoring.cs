using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Customers;

/// <summary>A likely duplicate shown to the clerk: how sure (0-100) and what matched.</summary>
public sealed record DuplicateCandidate(int CustomerId, string CustomerNumber, string FullName, int Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Duplicate rules of DOMAIN.md §2: the same normalised phone, e-mail or national ID is certain (100); the same surname
/// with a similar first name, or the same company name, is likely (score from the name similarity).
/// </summary>
public static class DuplicateScoring
{
    /// <summary>Candidates scoring below this are not shown.</summary>
    public const int Threshold = 60;

    public static (int Score, IReadOnlyList<string> Reasons) Score(Customer probe, Customer other) =>
        Score(DuplicateProbe.Of(probe), other);

    public static (int Score, IReadOnlyList<string> Reasons) Score(DuplicateProbe probe, Customer other)
    {
        var reasons = new List<string>();
        var score = 0;

        if (Phones(other).Intersect(probe.Phones).FirstOrDefault() is { } phone)
        {
            score = 100;
            reasons.Add($"Same phone {phone}");
        }

        if (probe.PrimaryEmail is not null && probe.PrimaryEmail == other.PrimaryEmail)
        {
            score = 100;
            reasons.Add("Same e-mail");
        }

        if (probe.NationalId is not null && probe.NationalId == other.NationalId)
        {
            score = 100;
            reasons.Add("Same national ID");
        }

        if (probe.LastNameKey.Length > 0 && probe.LastNameKey == other.LastNameKey && probe.FirstNameKey.Length > 0)
        {
            var similarity = JaroWinkler(probe.FirstNameKey, other.FirstNameKey);
            if (similarity >= 0.8)
            {
                var nameScore = (int)Math.Round(45 + (45 * similarity));
                score = Math.Max(score, nameScore);
                reasons.Add(similarity >= 0.999
                    ? "Same first and last name"
                    : $"Same surname, similar first name ({other.FirstName})");
            }
        }

        if (probe.CompanyNameKey.Length > 0 && probe.CompanyNameKey == other.CompanyNameKey)
        {
            score = Math.Max(score, 85);
            reasons.Add("Same company name");
        }

        return (score, reasons);
    }

    /// <summary>Jaro-Winkler similarity 0..1: tolerant of typos and transpositions in short names.</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        if (a == b)
        {
            return 1;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        var m = (double)matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    private static IEnumerable<string> Phones(Customer c) =>
        c.AlternatePhone is null ? [c.PrimaryPhone] : [c.PrimaryPhone, c.AlternatePhone];
}

/// <summary>
/// What a customer (or a half-filled form) offers to match on, normalised as the stored fields are. A form's probe takes
/// each field that is valid on its own and ignores the rest, so one field typed alone is enough to look for duplicates.
/// </summary>
public sealed record DuplicateProbe(
    IReadOnlyList<string> Phones, string? PrimaryEmail, string? NationalId, string FirstNameKey, string LastNameKey, string CompanyNameKey)
{
    public bool IsEmpty => Phones.Count == 0 && PrimaryEmail is null && NationalId is null && LastNameKey.Length == 0 && CompanyNameKey.Length == 0;

    public static DuplicateProbe Of(Customer c) => new(
        c.AlternatePhone is null ? [c.PrimaryPhone] : [c.PrimaryPhone, c.AlternatePhone],
        c.PrimaryEmail, c.NationalId, c.FirstNameKey, c.LastNameKey, c.CompanyNameKey);

    /// <summary>The fields of a form that are valid so far; an invalid or empty field simply matches nothing.</summary>
    public static DuplicateProbe FromForm(CustomerDetails d, string defaultPhoneCountryCode)
    {
        var phones = new[] { d.PrimaryPhone, d.AlternatePhone }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => ContactNormalisation.TryNormalisePhone(p, defaultPhoneCountryCode))
            .OfType<string>()
            .Distinct()
            .ToList();
        return new DuplicateProbe(phones, Lenient(() => ContactNormalisation.NormaliseEmail(d.PrimaryEmail)),
            Lenient(() => ContactNormalisation.NormaliseNationalId(d.NationalId)),
            ContactNormalisation.NameKey(d.FirstName), ContactNormalisation.NameKey(d.LastName), ContactNormalisation.NameKey(d.CompanyName));
    }

    private static string? Lenient(Func<string?> normalise)
    {
        try
        {
            return normalise();
        }
        catch (DomainException)
        {
            return null;
        }
    }
}

/// <summary>A clerk said these two customers are different people ("not a duplicate"); stored with the lower id first.</summary>
public class DuplicateDismissal
{
    public int CustomerId { get; private set; }

    public int OtherCustomerId { get; private set; }

    public string DismissedBy { get; private set; } = "";

    public DateTime DismissedAtUtc { get; private set; }

    private DuplicateDismissal()
    {
    }

    public DuplicateDismissal(int a, int b, string dismissedBy, DateTime nowUtc)
    {
        (CustomerId, OtherCustomerId) = a < b ? (a, b) : (b, a);
        DismissedBy = dismissedBy;
        DismissedAtUtc = nowUtc;
    }
}
