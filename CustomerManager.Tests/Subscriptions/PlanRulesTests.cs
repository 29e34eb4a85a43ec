using CustomerManager.Domain.Common;
using CustomerManager.Domain.Subscriptions;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class PlanRulesTests
{
    [Fact]
    public void A_negative_price_is_refused_on_the_price_field()
    {
        var e = Assert.Throws<DomainException>(() => new Plan(PlanInput(price: -1m), Now, "admin"));
        Assert.Equal("The price cannot be negative.", e.Message);
        Assert.Equal("Price", e.Field);
    }

    [Fact]
    public void A_plan_without_a_billing_cycle_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => new Plan(PlanInput(cycle: null), Now, "admin"));
        Assert.Equal("Choose a billing cycle: monthly, quarterly or annual.", e.Message);
        Assert.Equal("Cycle", e.Field);
        Assert.Equal("Cycle", Assert.Throws<DomainException>(() => new Plan(PlanInput(cycle: (BillingCycle)2), Now, "admin")).Field);
    }

    [Fact]
    public void Prices_have_at_most_two_decimals_and_a_same_price_change_is_refused()
    {
        Assert.Contains("at most 2 decimals", Assert.Throws<DomainException>(() => new Plan(PlanInput(price: 10.005m), Now, "admin")).Message);
        var plan = new Plan(PlanInput(price: 499m), Now, "admin");
        Assert.Equal("The price is already 499.00.", Assert.Throws<DomainException>(() => plan.ChangePrice(499m)).Message);
        plan.ChangePrice(549.50m);
        Assert.Equal(549.50m, plan.Price);
    }

    [Fact]
    public void Ott_apps_are_kept_once_each_in_order_and_live_channels_are_bounded()
    {
        var plan = new Plan(PlanInput() with { OttApps = [" Netflix", "Hotstar", "netflix", "", "Prime Video"] }, Now, "admin");
        Assert.Equal(["Netflix", "Hotstar", "Prime Video"], plan.OttAppList);
        Assert.Equal("Netflix, Hotstar, Prime Video", plan.OttApps);
        Assert.Equal("LiveChannels", Assert.Throws<DomainException>(() => new Plan(PlanInput() with { LiveChannels = -1 }, Now, "admin")).Field);
        Assert.Equal("OttApps", Assert.Throws<DomainException>(() => new Plan(PlanInput() with { OttApps = ["A, B"] }, Now, "admin")).Field);
    }

    [Theory]
    [InlineData(BillingCycle.Monthly, 1)]
    [InlineData(BillingCycle.Quarterly, 3)]
    [InlineData(BillingCycle.Annual, 12)]
    public void A_cycle_is_its_number_of_months(BillingCycle cycle, int months) => Assert.Equal(months, cycle.Months());

    [Fact]
    public void Monthly_equivalent_divides_by_the_cycle_and_rounds_half_away_from_zero()
    {
        Assert.Equal(333.33m, BillingCycles.Monthly(999.99m, BillingCycle.Quarterly));
        Assert.Equal(100.01m, BillingCycles.Monthly(1200.06m, BillingCycle.Annual)); // 100.005 → 100.01
        Assert.Equal(450m, BillingCycles.Monthly(450m, BillingCycle.Monthly));
    }
}
