using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Credit;

/// <summary>
/// A division's credit terms (DOMAIN.md §4, §6): how many months of discretionary income a suggested limit may reach,
/// how many days a charge may be overdue before new sales on account stop, and how many months an approved limit runs
/// before it is reviewed. Versioned like layby policies: a change
/// adds a row with the next version; a credit application keeps the factor it was assessed with.
/// </summary>
public class CreditPolicy
{
    public const decimal DefaultAffordabilityFactor = 3m;
    public const int DefaultOverdueThresholdDays = 30;
    public const int DefaultCreditLimitDurationMonths = 12;

    public int Id { get; set; }

    public int DivisionId { get; private set; }

    public int VersionNumber { get; private set; }

    public decimal AffordabilityFactor { get; private set; } = DefaultAffordabilityFactor;

    public int OverdueThresholdDays { get; private set; } = DefaultOverdueThresholdDays;

    /// <summary>How long an approved limit runs before its review, in months (seed: creditLimitDuration).</summary>
    public int CreditLimitDurationMonths { get; private set; } = DefaultCreditLimitDurationMonths;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private CreditPolicy()
    {
    }

    public CreditPolicy(int divisionId, int versionNumber, CreditPolicyTerms terms, DateTime createdAtUtc, string createdBy)
    {
        terms.Validate();
        DivisionId = divisionId;
        VersionNumber = versionNumber;
        AffordabilityFactor = terms.AffordabilityFactor;
        OverdueThresholdDays = terms.OverdueThresholdDays;
        CreditLimitDurationMonths = terms.CreditLimitDurationMonths;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
    }

    public CreditPolicyTerms Terms => new(AffordabilityFactor, OverdueThresholdDays, CreditLimitDurationMonths);
}

/// <summary>The editable credit terms of a division, validated before a new version is saved.</summary>
public sealed record CreditPolicyTerms(
    decimal AffordabilityFactor = CreditPolicy.DefaultAffordabilityFactor,
    int OverdueThresholdDays = CreditPolicy.DefaultOverdueThresholdDays,
    int CreditLimitDurationMonths = CreditPolicy.DefaultCreditLimitDurationMonths)
{
    /// <summary>The terms a division without a saved policy works under.</summary>
    public static readonly CreditPolicyTerms Default = new();

    public void Validate()
    {
        // A factor is months of discretionary income; above two years of it a limit stops being an affordability figure.
        if (AffordabilityFactor is <= 0 or > 24)
        {
            throw new DomainException("The affordability factor must be above 0 and at most 24 months of discretionary income.", nameof(AffordabilityFactor));
        }

        if (decimal.Round(AffordabilityFactor, 2) != AffordabilityFactor)
        {
            throw new DomainException("The affordability factor can have at most 2 decimals.", nameof(AffordabilityFactor));
        }

        if (OverdueThresholdDays is < 0 or > 365)
        {
            throw new DomainException("The overdue threshold must be between 0 and 365 days.", nameof(OverdueThresholdDays));
        }

        if (CreditLimitDurationMonths is < 1 or > 60)
        {
            throw new DomainException("The credit limit duration must be between 1 and 60 months.", nameof(CreditLimitDurationMonths));
        }
    }
}
