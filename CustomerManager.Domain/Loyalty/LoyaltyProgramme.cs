using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Loyalty;

/// <summary>
/// The editable terms of a division's loyalty programme (DOMAIN.md §9): points per currency unit by tier, the 12-month
/// spend at which each tier starts, how long points last and what a point is worth when redeemed.
/// </summary>
public sealed record LoyaltyTerms(
    decimal BronzeRate = 1m,
    decimal SilverRate = 1.25m,
    decimal GoldRate = 1.5m,
    decimal PlatinumRate = 2m,
    decimal SilverFrom = 5_000m,
    decimal GoldFrom = 15_000m,
    decimal PlatinumFrom = 40_000m,
    int ExpiryMonths = 12,
    decimal PointValue = 0.01m)
{
    public static LoyaltyTerms Default { get; } = new();

    public void Validate()
    {
        foreach (var (rate, name, tier) in new[]
                 {
                     (BronzeRate, nameof(BronzeRate), "Bronze"), (SilverRate, nameof(SilverRate), "Silver"),
                     (GoldRate, nameof(GoldRate), "Gold"), (PlatinumRate, nameof(PlatinumRate), "Platinum"),
                 })
        {
            if (rate is < 0 or > 100 || decimal.Round(rate, 2) != rate)
            {
                throw new DomainException($"{tier} points per currency unit must be between 0 and 100, with at most 2 decimals.", name);
            }
        }

        foreach (var (threshold, name, tier) in new[]
                 {
                     (SilverFrom, nameof(SilverFrom), "Silver"), (GoldFrom, nameof(GoldFrom), "Gold"),
                     (PlatinumFrom, nameof(PlatinumFrom), "Platinum"),
                 })
        {
            if (threshold < 0)
            {
                throw new DomainException($"The {tier} threshold cannot be below zero.", name);
            }

            if (threshold > 100_000_000m || decimal.Round(threshold, 2) != threshold)
            {
                throw new DomainException($"The {tier} threshold must be at most 100,000,000 with at most 2 decimals.", name);
            }
        }

        if (!(SilverFrom < GoldFrom && GoldFrom < PlatinumFrom))
        {
            throw new DomainException("The thresholds must rise: Silver below Gold below Platinum.", nameof(GoldFrom));
        }

        if (ExpiryMonths is < 1 or > 120)
        {
            throw new DomainException("Points must expire after 1 to 120 months.", nameof(ExpiryMonths));
        }

        if (PointValue is <= 0 or > 100 || decimal.Round(PointValue, 2) != PointValue)
        {
            throw new DomainException("A point must be worth more than 0 and at most 100, with at most 2 decimals.", nameof(PointValue));
        }
    }

    public decimal RateFor(LoyaltyTier tier) => tier switch
    {
        LoyaltyTier.Silver => SilverRate,
        LoyaltyTier.Gold => GoldRate,
        LoyaltyTier.Platinum => PlatinumRate,
        _ => BronzeRate,
    };

    /// <summary>Whole points earned on <paramref name="amount"/> paid at <paramref name="tier"/> (fractions are dropped).</summary>
    public int PointsFor(decimal amount, LoyaltyTier tier) => amount <= 0 ? 0 : (int)Math.Floor(amount * RateFor(tier));

    /// <summary>The tier that a 12-month spend reaches.</summary>
    public LoyaltyTier TierFor(decimal twelveMonthSpend) =>
        twelveMonthSpend >= PlatinumFrom ? LoyaltyTier.Platinum
        : twelveMonthSpend >= GoldFrom ? LoyaltyTier.Gold
        : twelveMonthSpend >= SilverFrom ? LoyaltyTier.Silver
        : LoyaltyTier.Bronze;

    /// <summary>The tier above <paramref name="tier"/> and the 12-month spend it starts at; null at Platinum.</summary>
    public (LoyaltyTier Tier, decimal From)? NextTier(LoyaltyTier tier) => tier switch
    {
        LoyaltyTier.Bronze => (LoyaltyTier.Silver, SilverFrom),
        LoyaltyTier.Silver => (LoyaltyTier.Gold, GoldFrom),
        LoyaltyTier.Gold => (LoyaltyTier.Platinum, PlatinumFrom),
        _ => null,
    };

    /// <summary>What <paramref name="points"/> are worth as a discount at the till.</summary>
    public decimal ValueOf(int points) => Money.Round(points * PointValue);
}

/// <summary>
/// A division's loyalty programme. Versioned like the layby policy: a change adds a new row with the next version; the
/// newest is in force. A division without one uses <see cref="LoyaltyTerms.Default"/>.
/// </summary>
public class LoyaltyProgramme
{
    public int Id { get; set; }

    public int DivisionId { get; private set; }

    public int VersionNumber { get; private set; }

    public decimal BronzeRate { get; private set; }

    public decimal SilverRate { get; private set; }

    public decimal GoldRate { get; private set; }

    public decimal PlatinumRate { get; private set; }

    public decimal SilverFrom { get; private set; }

    public decimal GoldFrom { get; private set; }

    public decimal PlatinumFrom { get; private set; }

    public int ExpiryMonths { get; private set; }

    public decimal PointValue { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private LoyaltyProgramme()
    {
    }

    public LoyaltyProgramme(int divisionId, int versionNumber, LoyaltyTerms terms, DateTime createdAtUtc, string createdBy)
    {
        terms.Validate();
        DivisionId = divisionId;
        VersionNumber = versionNumber;
        (BronzeRate, SilverRate, GoldRate, PlatinumRate) = (terms.BronzeRate, terms.SilverRate, terms.GoldRate, terms.PlatinumRate);
        (SilverFrom, GoldFrom, PlatinumFrom) = (terms.SilverFrom, terms.GoldFrom, terms.PlatinumFrom);
        ExpiryMonths = terms.ExpiryMonths;
        PointValue = terms.PointValue;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
    }

    public LoyaltyTerms Terms => new(BronzeRate, SilverRate, GoldRate, PlatinumRate, SilverFrom, GoldFrom, PlatinumFrom, ExpiryMonths, PointValue);
}
