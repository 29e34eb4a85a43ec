using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Laybys;

public enum LaybyFrequency
{
    Weekly,
    Fortnightly,
    Monthly,
}

/// <summary>
/// A division's layby terms (DOMAIN.md §5). Versioned: a change adds a new row with the next version, and every layby
/// keeps the version it was opened under.
/// </summary>
public class LaybyPolicy
{
    /// <summary>South Africa's CPA regulation 34 caps the cancellation penalty; no policy may exceed it.</summary>
    public const decimal StatutoryPenaltyCapPercent = 1m;

    public int Id { get; set; }

    public int DivisionId { get; private set; }

    public int VersionNumber { get; private set; }

    public decimal MinimumDepositPercent { get; private set; } = 20m;

    public int MaximumTermDays { get; private set; } = 90;

    public bool AllowWeekly { get; private set; } = true;

    public bool AllowFortnightly { get; private set; } = true;

    public bool AllowMonthly { get; private set; } = true;

    public decimal ServiceFee { get; private set; }

    public decimal AdminFee { get; private set; }

    public decimal LateFeePerInstalment { get; private set; }

    public int GracePeriodDays { get; private set; } = 7;

    public decimal CancellationPenaltyPercent { get; private set; } = StatutoryPenaltyCapPercent;

    public int DefaultAfterDays { get; private set; } = 60;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private LaybyPolicy()
    {
    }

    public LaybyPolicy(int divisionId, int versionNumber, LaybyPolicyTerms terms, DateTime createdAtUtc, string createdBy)
    {
        terms.Validate();
        DivisionId = divisionId;
        VersionNumber = versionNumber;
        MinimumDepositPercent = terms.MinimumDepositPercent;
        MaximumTermDays = terms.MaximumTermDays;
        AllowWeekly = terms.AllowWeekly;
        AllowFortnightly = terms.AllowFortnightly;
        AllowMonthly = terms.AllowMonthly;
        ServiceFee = Money.Round(terms.ServiceFee);
        AdminFee = Money.Round(terms.AdminFee);
        LateFeePerInstalment = Money.Round(terms.LateFeePerInstalment);
        GracePeriodDays = terms.GracePeriodDays;
        CancellationPenaltyPercent = terms.CancellationPenaltyPercent;
        DefaultAfterDays = terms.DefaultAfterDays;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
    }

    public LaybyPolicyTerms Terms => new(MinimumDepositPercent, MaximumTermDays, AllowWeekly, AllowFortnightly, AllowMonthly,
        ServiceFee, AdminFee, LateFeePerInstalment, GracePeriodDays, CancellationPenaltyPercent, DefaultAfterDays);

    public bool Allows(LaybyFrequency frequency) => frequency switch
    {
        LaybyFrequency.Weekly => AllowWeekly,
        LaybyFrequency.Fortnightly => AllowFortnightly,
        LaybyFrequency.Monthly => AllowMonthly,
        _ => false,
    };

    public decimal MinimumDeposit(decimal total) => Money.Round(total * MinimumDepositPercent / 100m);

    public decimal Penalty(decimal total) => Money.Round(total * CancellationPenaltyPercent / 100m);
}

/// <summary>The editable terms of a layby policy, validated before a new version is saved.</summary>
public sealed record LaybyPolicyTerms(
    decimal MinimumDepositPercent = 20m,
    int MaximumTermDays = 90,
    bool AllowWeekly = true,
    bool AllowFortnightly = true,
    bool AllowMonthly = true,
    decimal ServiceFee = 0m,
    decimal AdminFee = 0m,
    decimal LateFeePerInstalment = 0m,
    int GracePeriodDays = 7,
    decimal CancellationPenaltyPercent = LaybyPolicy.StatutoryPenaltyCapPercent,
    int DefaultAfterDays = 60)
{
    public void Validate()
    {
        if (MinimumDepositPercent is < 0 or > 100)
        {
            throw new DomainException("The minimum deposit must be between 0 and 100 %.", nameof(MinimumDepositPercent));
        }

        if (MaximumTermDays is < 7 or > 730)
        {
            throw new DomainException("The maximum term must be between 7 and 730 days.", nameof(MaximumTermDays));
        }

        if (!AllowWeekly && !AllowFortnightly && !AllowMonthly)
        {
            throw new DomainException("Allow at least one payment frequency.", nameof(AllowMonthly));
        }

        foreach (var (fee, name) in new[] { (ServiceFee, nameof(ServiceFee)), (AdminFee, nameof(AdminFee)), (LateFeePerInstalment, nameof(LateFeePerInstalment)) })
        {
            if (fee is < 0 or > 100_000)
            {
                throw new DomainException("Fees must be between 0 and 100,000.", name);
            }
        }

        if (GracePeriodDays is < 0 or > 90)
        {
            throw new DomainException("The grace period must be between 0 and 90 days.", nameof(GracePeriodDays));
        }

        if (CancellationPenaltyPercent < 0)
        {
            throw new DomainException("The cancellation penalty cannot be negative.", nameof(CancellationPenaltyPercent));
        }

        if (CancellationPenaltyPercent > LaybyPolicy.StatutoryPenaltyCapPercent)
        {
            throw new DomainException(
                $"The cancellation penalty cannot be above the statutory cap of {LaybyPolicy.StatutoryPenaltyCapPercent} % of the layby total.",
                nameof(CancellationPenaltyPercent));
        }

        if (DefaultAfterDays is < 1 or > 365)
        {
            throw new DomainException("Default after must be between 1 and 365 days past the completion date.", nameof(DefaultAfterDays));
        }
    }
}
