using CustomerManager.Domain.Common;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Domain.Success;

namespace CustomerManager.Tests.Success;

public class HealthRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly UsageFacts NoUsage = new([], 0, 0);
    private static readonly SupportFacts NoSupport = new(false, 0, 0, 0);
    private static readonly EngagementFacts NoEngagement = new(null, 0, 0, 0);
    private static readonly BusinessFacts NoBusiness = new(0, 0, 0, 0m, 0m);

    [Fact]
    public void Every_component_with_data_is_weighted_by_the_default_weights()
    {
        var facts = new HealthFacts(
            Today,
            new UsageFacts([40m, 40m, 30m], 0, 0),                  // 30 against an average of 40: 75
            new SupportFacts(true, 1, 1, 0),                         // 100 − 15 − 20 = 65
            new EngagementFacts(Today.AddDays(-10), 3, 0, 0),       // 0.7 × 100 + 0.3 × 100 = 100
            new BusinessFacts(4, 3, 0, 600m, 1000m));               // (75 × 50 + 100 × 30 + 70 × 20) / 100 = 81.5 → 82

        var result = HealthRules.Score(facts, HealthWeights.Default);

        Assert.Equal([75, 65, 100, 82], result.Components.Select(c => c.Score));
        Assert.Equal([40m, 25m, 20m, 15m], result.Components.Select(c => c.EffectiveWeight));
        // (75 × 40 + 65 × 25 + 100 × 20 + 82 × 15) / 100 = 78.55 → 79
        Assert.Equal(79, result.Score);
        Assert.Equal(HealthBand.Green, result.Band);
        Assert.Contains("Data used in the latest month: 30 GB; average of the 2 months before: 40 GB", result.Component(HealthComponentKind.Usage).Facts);
        Assert.Contains("3 of 4 charges due in the last 365 days paid on time (75 %)", result.Component(HealthComponentKind.Business).Facts);
        Assert.Contains("Credit utilisation 60 %: 600.00 of 1,000.00 (score 70)", result.Component(HealthComponentKind.Business).Facts);
    }

    [Fact]
    public void Components_with_no_data_are_left_out_and_the_other_weights_renormalised()
    {
        var facts = new HealthFacts(
            Today,
            NoUsage,
            NoSupport,
            new EngagementFacts(Today.AddDays(-45), 1, 0, 1),       // 0.7 × 70 + 0.3 × 33.3 = 59, − 30 = 29
            new BusinessFacts(0, 0, 40, 1200m, 1000m));             // (40 × 30 + 0 × 20) / 50 = 24

        var result = HealthRules.Score(facts, HealthWeights.Default);

        Assert.Equal([null, null, 29, 24], result.Components.Select(c => c.Score));
        Assert.False(result.Component(HealthComponentKind.Usage).HasData);
        Assert.Equal("No data: left out, the other weights count in its place", result.Component(HealthComponentKind.Support).Facts[^1]);
        // Weights 20 and 15 of 35: 57.1 % and 42.9 %; (29 × 20 + 24 × 15) / 35 = 26.86 → 27
        Assert.Equal([0m, 0m, 57.1m, 42.9m], result.Components.Select(c => c.EffectiveWeight));
        Assert.Equal(27, result.Score);
        Assert.Equal(HealthBand.Red, result.Band);
    }

    [Fact]
    public void A_customer_with_no_data_at_all_has_no_score_rather_than_zero()
    {
        var result = HealthRules.Score(new HealthFacts(Today, NoUsage, NoSupport, NoEngagement, NoBusiness), HealthWeights.Default);

        Assert.Null(result.Score);
        Assert.Null(result.Band);
        Assert.All(result.Components, c => Assert.Null(c.Score));
    }

    [Fact]
    public void Configured_weights_change_the_score()
    {
        var facts = new HealthFacts(Today, new UsageFacts([10m, 5m], 0, 0), NoSupport, new EngagementFacts(Today, 3, 0, 0), NoBusiness);

        // Usage 50, engagement 100: by 40/20 → (2000 + 2000) / 60 = 66.67 → 67; by 10/50 → (500 + 5000) / 60 = 91.67 → 92
        Assert.Equal(67, HealthRules.Score(facts, HealthWeights.Default).Score);
        Assert.Equal(92, HealthRules.Score(facts, new HealthWeights(10, 25, 50, 15)).Score);
    }

    [Theory]
    [InlineData(0, HealthBand.Red)]
    [InlineData(50, HealthBand.Red)]
    [InlineData(51, HealthBand.Yellow)]
    [InlineData(75, HealthBand.Yellow)]
    [InlineData(76, HealthBand.Green)]
    [InlineData(100, HealthBand.Green)]
    public void Bands_are_red_to_50_yellow_to_75_and_green_above(int score, HealthBand band) => Assert.Equal(band, HealthRules.Band(score));

    [Theory]
    [InlineData(2, 9, 67)]   // expected 3 in 90 days: 2 / 3 = 66.7 %
    [InlineData(5, 9, 100)]  // above the earlier pace: at most 100
    [InlineData(1, 0, 100)]  // buying, and nothing before
    [InlineData(0, 6, 0)]    // stopped buying
    public void Retail_usage_is_purchase_frequency_against_the_earlier_pace(int recent, int earlier, int expected)
    {
        var result = HealthRules.Score(new HealthFacts(Today, new UsageFacts([], recent, earlier), NoSupport, NoEngagement, NoBusiness), HealthWeights.Default);
        Assert.Equal(expected, result.Component(HealthComponentKind.Usage).Score);
        Assert.Equal(expected, result.Score);
    }

    [Fact]
    public void A_negative_engagement_drops_a_recently_contacted_customer_from_green_to_yellow()
    {
        // One positive engagement today: 0.7 × 100 + 0.3 × 33.3 = 80, + 10 = 90.
        var before = HealthRules.Score(new HealthFacts(Today, NoUsage, NoSupport, new EngagementFacts(Today, 1, 1, 0), NoBusiness), HealthWeights.Default);
        // And a negative one: 0.7 × 100 + 0.3 × 66.7 = 90, + 10 − 30 = 70.
        var after = HealthRules.Score(new HealthFacts(Today, NoUsage, NoSupport, new EngagementFacts(Today, 2, 1, 1), NoBusiness), HealthWeights.Default);

        Assert.Equal((90, HealthBand.Green), (before.Score, before.Band));
        Assert.Equal((70, HealthBand.Yellow), (after.Score, after.Band));
    }

    [Fact]
    public void Churn_risk_adds_the_signals_to_the_missing_health_and_has_bands()
    {
        // 100 − 70 = 30, + 8 (medium subscription risk), + 10 (20 below the 30-day high), + 10 (70 days quiet > 60) = 58
        var risk = ChurnRiskRules.Assess(70, new ChurnSignals(90, ChurnRisk.Medium, 70, 60));
        Assert.Equal((58, ChurnRiskBand.Medium), (risk.Score, risk.Band));
        Assert.Equal(4, risk.Reasons.Count);

        Assert.Equal((15, ChurnRiskBand.Low), ChurnRiskRules.Assess(85, new ChurnSignals(90, ChurnRisk.Low, 5, 60)) is var low ? (low.Score, low.Band) : default);
        Assert.Equal((100, ChurnRiskBand.High), ChurnRiskRules.Assess(10, new ChurnSignals(40, ChurnRisk.High, 400, 60)) is var high ? (high.Score, high.Band) : default);
        Assert.Null(ChurnRiskRules.Assess(null, new ChurnSignals(null, null, null, 60)).Score);
    }

    [Fact]
    public void Lifecycle_follows_cancellation_activity_registration_and_band_in_that_order()
    {
        LifecycleFacts F(int registeredDaysAgo, int? activeDaysAgo, HealthBand? band, int subs = 0, int cancelled = 0) =>
            new(Today, Today.AddDays(-registeredDaysAgo), activeDaysAgo is { } a ? Today.AddDays(-a) : null, subs, cancelled, band);

        Assert.Equal((Lifecycle.Churned, "All 2 subscriptions were cancelled"), LifecycleRules.Decide(F(500, 1, HealthBand.Green, 2, 2), 90, 12));
        Assert.Equal((Lifecycle.Churned, "No activity since 2025-10-29"), LifecycleRules.Decide(F(800, 397, HealthBand.Green), 90, 12));
        Assert.Equal(Lifecycle.Onboarding, LifecycleRules.Decide(F(89, null, HealthBand.Red), 90, 12).Status);
        Assert.Equal(Lifecycle.AtRisk, LifecycleRules.Decide(F(90, 5, HealthBand.Yellow, 2, 1), 90, 12).Status);
        Assert.Equal(Lifecycle.AtRisk, LifecycleRules.Decide(F(400, 5, HealthBand.Red), 90, 12).Status);
        Assert.Equal(Lifecycle.Active, LifecycleRules.Decide(F(400, 5, HealthBand.Green), 90, 12).Status);
        Assert.Equal(Lifecycle.Active, LifecycleRules.Decide(F(400, 5, null), 90, 12).Status);
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_100_are_refused_and_nothing_changes()
    {
        var settings = SuccessSettings.Defaults(1);
        var bad = settings.ToInput() with { BusinessWeight = 20 };

        var e = Assert.Throws<DomainException>(() => settings.Change(bad, "admin", DateTime.UtcNow));

        Assert.Equal("The weights add up to 105 %; they must add up to exactly 100 %.", e.Message);
        Assert.Equal(new HealthWeights(40, 25, 20, 15), settings.Weights);
        Assert.Equal("UsageWeight", Assert.Throws<DomainException>(() => settings.Change(settings.ToInput() with { UsageWeight = -5, SupportWeight = 70 }, "admin", DateTime.UtcNow)).Field);
        Assert.Equal("AlertBelowScore", Assert.Throws<DomainException>(() => settings.Change(settings.ToInput() with { AlertBelowScore = 0 }, "admin", DateTime.UtcNow)).Field);
        settings.Change(settings.ToInput() with { UsageWeight = 30, EngagementWeight = 30 }, "admin", DateTime.UtcNow);
        Assert.Equal(new HealthWeights(30, 25, 30, 15), settings.Weights);
    }

    [Fact]
    public void An_engagement_in_the_future_cannot_be_held_and_a_held_one_needs_an_outcome()
    {
        EngagementInput Input(DateOnly day, bool held, EngagementOutcome? outcome) => new(EngagementType.Meeting, "Quarterly review", day, held, 60, "Thandi (AM)", outcome, null);

        var future = Assert.Throws<DomainException>(() => new Engagement(1, Input(Today.AddDays(1), true, EngagementOutcome.Positive), "clerk", DateTime.UtcNow, Today));
        Assert.Equal("An engagement on 2026-12-01 is in the future: it cannot have been held yet. Untick \"held\" to plan it.", future.Message);
        Assert.Equal("Held", future.Field);
        Assert.Equal("Outcome", Assert.Throws<DomainException>(() => new Engagement(1, Input(Today, true, null), "clerk", DateTime.UtcNow, Today)).Field);
        Assert.Equal("Outcome", Assert.Throws<DomainException>(() => new Engagement(1, Input(Today.AddDays(3), false, EngagementOutcome.Neutral), "clerk", DateTime.UtcNow, Today)).Field);
        Assert.Equal("DurationMinutes", Assert.Throws<DomainException>(() => new Engagement(1, Input(Today, true, EngagementOutcome.Neutral) with { DurationMinutes = 0 }, "clerk", DateTime.UtcNow, Today)).Field);
        var planned = new Engagement(1, Input(Today.AddDays(3), false, null), "clerk", DateTime.UtcNow, Today);
        Assert.False(planned.Held);
    }

    [Fact]
    public void A_manual_lifecycle_status_needs_a_reason_and_wins_over_the_computed_one()
    {
        var state = new CustomerHealth(7);
        state.Record(Today, 40, new ChurnRiskResult(60, ChurnRiskBand.Medium, []), Lifecycle.AtRisk, null, null);

        Assert.Equal("OverrideReason", Assert.Throws<DomainException>(() => state.Override(Lifecycle.Active, "  ", "credit", DateTime.UtcNow)).Field);
        Assert.Equal(Lifecycle.AtRisk, state.Lifecycle);

        state.Override(Lifecycle.Active, "Renewal signed yesterday", "credit", DateTime.UtcNow);
        state.Record(Today.AddDays(1), 38, new ChurnRiskResult(62, ChurnRiskBand.Medium, []), Lifecycle.AtRisk, null, null);
        Assert.Equal((Lifecycle.Active, Lifecycle.AtRisk), (state.Lifecycle, state.ComputedLifecycle));

        state.Override(null, "Back to the rules", "credit", DateTime.UtcNow);
        Assert.Equal(Lifecycle.AtRisk, state.Lifecycle);
        Assert.Null(state.OverrideReason);
    }

    [Fact]
    public void Alerts_fire_on_the_day_of_the_change_with_a_key_per_event()
    {
        var settings = SuccessSettings.Defaults(1);
        var state = new CustomerHealth(7);
        state.Record(Today.AddDays(-1), 60, new ChurnRiskResult(40, ChurnRiskBand.Medium, []), Lifecycle.Active, null, null);
        state.Record(Today, 45, new ChurnRiskResult(70, ChurnRiskBand.High, []), Lifecycle.AtRisk, null, null);

        var alerts = HealthScoringService.AlertsFor(state, 62, Today.AddDays(-60), Today, settings).Select(a => a.Key).ToList();

        Assert.Equal(["health:below:7:20261130", "health:drop:7:20261130", "health:churn:7:20261130", "health:quiet:7:20261001"], alerts);

        // The next day, still low and quiet: nothing new.
        state.Record(Today.AddDays(1), 44, new ChurnRiskResult(71, ChurnRiskBand.High, []), Lifecycle.AtRisk, null, null);
        Assert.Empty(HealthScoringService.AlertsFor(state, 62, Today.AddDays(-60), Today.AddDays(1), settings));
    }
}
