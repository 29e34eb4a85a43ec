using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Loyalty;

namespace CustomerManager.Tests.Loyalty;

/// <summary>The point ledger's invariants under random accruals, redemptions, reversals and expiry (DOMAIN.md §9).</summary>
public class PointLedgerInvariantTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Held_is_the_sum_of_entries_never_negative_and_redemption_and_expiry_take_the_oldest_expiring_first()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var entries = new List<PointEntry>();
            var nextId = 1;
            var today = new DateOnly(2025, 1, 1);
            for (var step = 0; step < 60; step++)
            {
                today = today.AddDays(random.Next(0, 20));
                var ledger = new PointLedger(entries);
                switch (random.Next(4))
                {
                    case 0:
                        entries.Add(new PointEntry(1, 1, PointEntryKind.Accrual, random.Next(1, 500), today,
                            today.AddMonths(random.Next(1, 13)).AddDays(random.Next(-15, 15)), null, "P", Now, "t", nextId++));
                        break;
                    case 1:
                        var wanted = random.Next(1, 800);
                        var valid = ledger.OpenLots.Where(l => l.ExpiresOn >= today).ToList();
                        if (wanted > valid.Sum(l => l.Remaining))
                        {
                            var refused = Assert.Throws<DomainException>(() => ledger.PlanRedemption(wanted, today));
                            Assert.Contains($"Only {valid.Sum(l => l.Remaining):N0} points are held", refused.Message);
                            break;
                        }

                        var plan = ledger.PlanRedemption(wanted, today);
                        Assert.Equal(wanted, plan.Sum(d => d.Points));
                        // Oldest-expiring first: every valid lot ahead of the last one used is used up.
                        var lastUsed = valid.FindIndex(l => l.Id == plan[^1].LotId);
                        Assert.Equal(valid.Take(lastUsed + 1).Select(l => l.Id), plan.Select(d => d.LotId));
                        Assert.All(plan.SkipLast(1), d => Assert.Equal(valid.First(l => l.Id == d.LotId).Remaining, d.Points));
                        entries.AddRange(plan.Select(d => Deduction(PointEntryKind.Redemption, d, today, nextId++)));
                        break;
                    case 2:
                        var lots = entries.Where(e => e.Kind == PointEntryKind.Accrual).ToList();
                        int? own = lots.Count == 0 ? null : lots[random.Next(lots.Count)].Id;
                        var reversal = ledger.PlanReversal(own, random.Next(1, 600));
                        Assert.True(reversal.Sum(d => d.Points) <= ledger.Held);
                        entries.AddRange(reversal.Select(d => Deduction(PointEntryKind.Reversal, d, today, nextId++)));
                        break;
                    default:
                        entries.AddRange(ledger.Expired(today).Select(d => Deduction(PointEntryKind.Expiry, d, today, nextId++)));
                        var after = new PointLedger(entries);
                        Assert.Equal(0, after.OpenLots.Where(l => l.ExpiresOn < today).Sum(l => l.Remaining));
                        Assert.Empty(after.Expired(today));
                        break;
                }

                var now = new PointLedger(entries);
                Assert.Equal(entries.Sum(e => e.Points), now.Held);
                Assert.Equal(now.Held, now.OpenLots.Sum(l => l.Remaining));
                Assert.True(now.Held >= 0, $"negative points at seed {seed} step {step}");
                Assert.All(now.OpenLots, l => Assert.InRange(l.Remaining, 1, l.Earned));
            }
        }
    }

    [Fact]
    public void A_reversal_takes_the_returned_purchases_own_points_first_and_never_more_than_is_held()
    {
        var day = new DateOnly(2026, 1, 10);
        List<PointEntry> entries =
        [
            new(1, 1, PointEntryKind.Accrual, 100, day, day.AddMonths(6), null, "PUR-1", Now, "t", 1),
            new(1, 1, PointEntryKind.Accrual, 300, day, day.AddMonths(12), null, "PUR-2", Now, "t", 2),
        ];

        var plan = new PointLedger(entries).PlanReversal(2, 350);

        Assert.Equal([new LotDeduction(2, 300), new LotDeduction(1, 50)], plan);
        entries.Add(Deduction(PointEntryKind.Redemption, new LotDeduction(1, 100), day, 3));
        entries.Add(Deduction(PointEntryKind.Redemption, new LotDeduction(2, 250), day, 4));
        Assert.Equal([new LotDeduction(2, 50)], new PointLedger(entries).PlanReversal(2, 300));
    }

    [Fact]
    public void Expired_points_cannot_be_redeemed_even_before_the_nightly_run()
    {
        var day = new DateOnly(2026, 1, 10);
        var ledger = new PointLedger([new PointEntry(1, 1, PointEntryKind.Accrual, 100, day, day.AddDays(30), null, "P", Now, "t", 1)]);

        Assert.Single(ledger.PlanRedemption(100, day.AddDays(30)));
        Assert.Contains("Only 0 points are held", Assert.Throws<DomainException>(() => ledger.PlanRedemption(1, day.AddDays(31))).Message);
        Assert.Equal(100, ledger.ExpiringBy(day.AddDays(30)));
    }

    private static PointEntry Deduction(PointEntryKind kind, LotDeduction d, DateOnly day, int id) =>
        new(1, 1, kind, -d.Points, day, null, d.LotId, null, Now, "t", id);
}

public class LoyaltyTermsTests
{
    [Theory]
    [InlineData(4_999.99, LoyaltyTier.Bronze)]
    [InlineData(5_000, LoyaltyTier.Silver)]
    [InlineData(14_999.99, LoyaltyTier.Silver)]
    [InlineData(15_000, LoyaltyTier.Gold)]
    [InlineData(40_000, LoyaltyTier.Platinum)]
    [InlineData(-20, LoyaltyTier.Bronze)]
    public void Tiers_change_exactly_at_the_thresholds(decimal spend, LoyaltyTier tier) =>
        Assert.Equal(tier, LoyaltyTerms.Default.TierFor(spend));

    [Fact]
    public void Points_are_whole_points_at_the_tiers_rate_and_worth_the_point_value()
    {
        var terms = LoyaltyTerms.Default;
        Assert.Equal(999, terms.PointsFor(999.99m, LoyaltyTier.Bronze));
        Assert.Equal(1249, terms.PointsFor(999.99m, LoyaltyTier.Silver)); // 1249.9875
        Assert.Equal(2000, terms.PointsFor(1000m, LoyaltyTier.Platinum));
        Assert.Equal(0, terms.PointsFor(0m, LoyaltyTier.Gold));
        Assert.Equal(12.34m, terms.ValueOf(1234));
        Assert.Equal((LoyaltyTier.Gold, 15_000m), terms.NextTier(LoyaltyTier.Silver));
        Assert.Null(terms.NextTier(LoyaltyTier.Platinum));
    }

    [Fact]
    public void A_threshold_below_zero_or_out_of_order_is_refused_with_the_field()
    {
        var below = Assert.Throws<DomainException>(() => (LoyaltyTerms.Default with { SilverFrom = -1m }).Validate());
        Assert.Equal("The Silver threshold cannot be below zero.", below.Message);
        Assert.Equal(nameof(LoyaltyTerms.SilverFrom), below.Field);
        Assert.Equal("The thresholds must rise: Silver below Gold below Platinum.",
            Assert.Throws<DomainException>(() => (LoyaltyTerms.Default with { GoldFrom = 50_000m }).Validate()).Message);
        Assert.Equal(nameof(LoyaltyTerms.ExpiryMonths), Assert.Throws<DomainException>(() => (LoyaltyTerms.Default with { ExpiryMonths = 0 }).Validate()).Field);
        Assert.Equal(nameof(LoyaltyTerms.PointValue), Assert.Throws<DomainException>(() => (LoyaltyTerms.Default with { PointValue = 0.001m }).Validate()).Field);
    }
}
