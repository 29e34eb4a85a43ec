using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class RenewalForecastTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public void The_forecast_groups_renewals_by_month_plan_and_division_with_yearly_value_and_the_high_risk_part()
    {
        var today = D("2026-11-30");
        var report = RenewalForecast.Build(
        [
            new RenewalFact(D("2026-11-02"), "Fiber 100", "Connect", 799m, BillingCycle.Monthly, ChurnRisk.Low),      // passed: this month
            new RenewalFact(D("2026-12-05"), "Fiber 100", "Connect", 799m, BillingCycle.Monthly, ChurnRisk.High),
            new RenewalFact(D("2026-12-31"), "Fiber 100", "Connect", 799m, BillingCycle.Monthly, ChurnRisk.Medium),
            new RenewalFact(D("2026-12-15"), "Wireless Annual", "Connect", 4999m, BillingCycle.Annual, ChurnRisk.High),
            new RenewalFact(D("2027-03-01"), "Fiber 100 Quarterly", "Grocery", 2249.99m, BillingCycle.Quarterly, ChurnRisk.Low),
            new RenewalFact(D("2027-11-01"), "Fiber 100", "Connect", 799m, BillingCycle.Monthly, ChurnRisk.High),     // 13th month: out
        ], today);

        Assert.Equal(12, report.Months.Count);
        Assert.Equal(D("2026-11-01"), report.Months[0].Month);
        Assert.Equal(D("2027-10-01"), report.Months[^1].Month);
        Assert.Equal(new RenewalMonth(D("2026-11-01"), 1, 9588m, 0m), report.Months[0]);                       // 799 × 12
        Assert.Equal(new RenewalMonth(D("2026-12-01"), 3, 9588m * 2 + 4999m, 9588m + 4999m), report.Months[1]);
        Assert.Equal(new RenewalMonth(D("2027-03-01"), 1, 8999.96m, 0m), report.Months[4]);                     // 2249.99 × 4
        Assert.Equal(0, report.Months[2].Renewals);
        Assert.Equal(
        [
            new RenewalRow(D("2026-11-01"), "Fiber 100", "Connect", 1, 9588m, 0m),
            new RenewalRow(D("2026-12-01"), "Fiber 100", "Connect", 2, 19176m, 9588m),
            new RenewalRow(D("2026-12-01"), "Wireless Annual", "Connect", 1, 4999m, 4999m),
            new RenewalRow(D("2027-03-01"), "Fiber 100 Quarterly", "Grocery", 1, 8999.96m, 0m),
        ], report.Rows);
    }

    [Fact]
    public async Task Active_subscriptions_and_monthly_recurring_revenue_for_the_users_divisions()
    {
        factory.Clock.Set("2026-11-10");
        var grocery = await CustomerTestData.DivisionIdAsync(factory.Services, "GRO");
        var clothing = await CustomerTestData.DivisionIdAsync(factory.Services, "CLO");
        Plan monthly, quarterly;
        using (Actors.As("admin", Roles.Admin))
        {
            var plans = factory.Services.CreateScope().ServiceProvider.GetRequiredService<PlanService>();
            monthly = await plans.CreateAsync(PlanInput(300m) with { DivisionId = grocery, Name = "Mrr monthly" });
            quarterly = await plans.CreateAsync(PlanInput(900.03m, BillingCycle.Quarterly) with { DivisionId = grocery, Name = "Mrr quarterly" });
        }

        Subscription toSuspend;
        using (Actors.As("clerk", Roles.Clerk))
        {
            var scope = factory.Services.CreateScope().ServiceProvider;
            var customers = scope.GetRequiredService<CustomerService>();
            var subscriptions = scope.GetRequiredService<SubscriptionService>();
            await subscriptions.SubscribeAsync(new SubscribeInput((await customers.CreateAsync(CustomerTestData.Person())).Id, null, monthly.Id, D("2026-11-10")));
            await subscriptions.SubscribeAsync(new SubscribeInput((await customers.CreateAsync(CustomerTestData.Person())).Id, null, quarterly.Id, D("2026-11-10")));
            toSuspend = await subscriptions.SubscribeAsync(new SubscribeInput((await customers.CreateAsync(CustomerTestData.Person())).Id, null, monthly.Id, D("2026-11-10")));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            await factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionService>().SuspendAsync(toSuspend.Id, toSuspend.Version, "Customer abroad");
        }

        using (Actors.As("accountant", Roles.Accountant))
        {
            var summary = await Reports().SummaryAsync();
            Assert.Equal(new SubscriptionSummary(2, 1, 600.01m, 0m, 0), summary); // 300 + 900.03 / 3
            var forecast = await Reports().RenewalForecastAsync();
            Assert.DoesNotContain(forecast.Rows, r => r.PlanName.StartsWith("Mrr", StringComparison.Ordinal)); // they renew in November 2027, the 13th month
        }

        using (Actors.AsLimitedTo([clothing], "accountant.clothing", Roles.Accountant))
        {
            Assert.Equal(new SubscriptionSummary(0, 0, 0m, 0m, 0), await Reports().SummaryAsync());
        }

        using (Actors.As("clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().SummaryAsync());
        }
    }

    private SubscriptionReportService Reports() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionReportService>();
}
