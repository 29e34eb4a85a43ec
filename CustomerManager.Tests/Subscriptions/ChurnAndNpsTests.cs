using CustomerManager.Domain.Subscriptions;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class ChurnAndNpsTests
{
    private static ChurnFacts Quiet(DateOnly today) => new(today, [100m, 110m, 90m, 100m], 9, 5, 0, 0, 0, 0m, today.AddMonths(6));

    [Fact]
    public void Nps_is_promoters_minus_detractors_in_percent_rounded()
    {
        Assert.Null(Nps.Score([]));
        Assert.Equal(100, Nps.Score([9, 10]));
        Assert.Equal(-100, Nps.Score([0, 6]));
        Assert.Equal(0, Nps.Score([7, 8]));
        // 2 promoters, 1 detractor, 3 passives of 6: 16.67 → 17
        Assert.Equal(17, Nps.Score([10, 9, 3, 7, 8, 7]));
        // 1 promoter, 2 detractors of 8: −12.5 → −13 (away from zero)
        Assert.Equal(-13, Nps.Score([9, 0, 5, 7, 7, 8, 8, 7]));
        Assert.Equal(-13, Nps.Score(8, 1, 2));
    }

    [Fact]
    public void A_quiet_customer_is_low_risk_with_nothing_to_explain()
    {
        var assessment = ChurnRules.Assess(Quiet(D("2026-11-30")));
        Assert.Equal(ChurnRisk.Low, assessment.Risk);
        Assert.Empty(assessment.Reasons);
    }

    [Fact]
    public void A_low_nps_and_a_new_open_ticket_make_the_risk_high_with_each_reason()
    {
        var today = D("2026-11-30");
        var assessment = ChurnRules.Assess(Quiet(today) with { LastNpsScore = 3, TicketsLast90Days = 1, OpenTickets = 1 });
        Assert.Equal(ChurnRisk.High, assessment.Risk);
        Assert.Equal(4, assessment.Points);
        Assert.Equal(
            ["1 support ticket in the last 90 days (+1)", "1 ticket still open (+1)", "Last NPS answer 3 of 10 (a detractor) (+2)"],
            assessment.Reasons);
    }

    [Fact]
    public void Usage_drop_against_the_own_average_counts_from_30_percent()
    {
        var today = D("2026-11-30");
        Assert.Null(ChurnRules.UsageDrop([100m, 50m]));
        Assert.Equal(0.5m, ChurnRules.UsageDrop([100m, 100m, 50m]));
        Assert.Equal(0m, ChurnRules.UsageDrop([100m, 100m, 150m]));
        var medium = ChurnRules.Assess(Quiet(today) with { DataUsedByPeriod = [200m, 100m, 90m], LastSatisfaction = 3 });
        // 150 average before, 90 now: 40 % down (+1); satisfaction 3 (+1)
        Assert.Equal(ChurnRisk.Medium, medium.Risk);
        Assert.Equal(["Usage down 40 % against its own average: 90 GB in the last period, 150 GB before (+1)", "Satisfaction 3 of 5 (+1)"],
            medium.Reasons.Select(r => r.Replace("40%", "40 %", StringComparison.Ordinal)));
    }

    [Fact]
    public void Overdue_money_and_an_approaching_renewal_are_explained()
    {
        var today = D("2026-11-30");
        var assessment = ChurnRules.Assess(Quiet(today) with { OverdueAmount = 1234.5m, OverdueDays = 45, RenewalDate = D("2026-12-10") });
        Assert.Equal(ChurnRisk.Medium, assessment.Risk);
        Assert.Equal(["1,234.50 overdue for 45 days (+2)", "Renews in 10 days (2026-12-10) (+1)"], assessment.Reasons);
        Assert.Equal(ChurnRisk.Low, ChurnRules.Assess(Quiet(today) with { RenewalDate = today.AddDays(5) }).Risk);
    }
}
