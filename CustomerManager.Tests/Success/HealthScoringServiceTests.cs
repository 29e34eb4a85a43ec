using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Success;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Success;

public class HealthScoringServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private static EngagementInput Held(DateOnly day, EngagementOutcome outcome, string title = "Quarterly review") =>
        new(EngagementType.Meeting, title, day, true, 45, "Account manager, the customer's buyer", outcome, "Talked about the renewal");

    private async Task<HealthRunResult> RunAsync(DateOnly day)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        return await In<HealthScoringService>(factory).RunNightlyAsync(day);
    }

    /// <summary>A customer with an account manager whose sign-in (a credit manager) is <paramref name="userName"/>.</summary>
    private async Task<int> ManagedCustomerAsync(string userName)
    {
        Customer customer;
        using (Actors.As("success-admin", Roles.Admin))
        {
            customer = await In<CustomerService>(factory).CreateAsync(Company());
        }

        var employee = await NewEmployeeAsync(factory, await DivisionIdAsync(factory.Services, "CLO"));
        await LinkUserAsync(factory, userName, employee);
        await using (var db = await Db(factory))
        {
            var role = await db.Roles.Where(r => r.Name == Roles.CreditManager).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "id-" + userName, RoleId = role });
            await db.SaveChangesAsync();
        }

        using (Actors.As("success-admin", Roles.Admin))
        {
            await In<AssignmentService>(factory).AssignCustomersAsync([customer.Id], [new AssignmentInput(employee, AssignmentRole.AccountManager)]);
        }

        return customer.Id;
    }

    [Fact]
    public async Task Nightly_scoring_keeps_one_row_per_day_and_a_drop_raises_one_task_for_the_account_manager_across_runs()
    {
        var manager = "am." + Token();
        var customerId = await ManagedCustomerAsync(manager);
        var day1 = new DateOnly(2026, 11, 2);
        factory.Clock.Set("2026-11-02");
        using (Actors.As("clerk", Roles.Clerk))
        {
            await In<CustomerSuccessService>(factory).LogEngagementAsync(customerId, Held(day1, EngagementOutcome.Positive));
        }

        await RunAsync(day1);
        await RunAsync(day1);
        await using (var db = await Db(factory))
        {
            var row = await db.HealthScores.SingleAsync(h => h.CustomerId == customerId);
            // Only engagement has data: 0.7 × 100 + 0.3 × 33.3 + 10 = 90.
            Assert.Equal((day1, 90, null, null, 90, null), (row.Day, row.Score, row.UsageScore, row.SupportScore, row.EngagementScore, row.BusinessScore));
            var state = await db.CustomerHealths.SingleAsync(h => h.CustomerId == customerId);
            Assert.Equal((90, HealthBand.Green, Lifecycle.Onboarding), (state.Score, state.Band, state.Lifecycle));
        }

        var day2 = day1.AddDays(1);
        factory.Clock.Set("2026-11-03");
        using (Actors.As(manager, Roles.CreditManager))
        {
            await In<CustomerSuccessService>(factory).LogEngagementAsync(customerId, Held(day2, EngagementOutcome.Negative, "Complaint about delivery"));
        }

        var first = await RunAsync(day2);
        var second = await RunAsync(day2);
        factory.Clock.Set("2026-11-04");
        await RunAsync(day2.AddDays(1));

        await using (var db = await Db(factory))
        {
            // 0.7 × 100 + 0.3 × 66.7 + 10 − 30 = 70: yellow, 20 below the 30-day high of 90.
            Assert.Equal([(day1, 90), (day2, 70), (day2.AddDays(1), 70)],
                (await db.HealthScores.Where(h => h.CustomerId == customerId).OrderBy(h => h.Day).ToListAsync()).Select(h => (h.Day, h.Score!.Value)));
            var state = await db.CustomerHealths.SingleAsync(h => h.CustomerId == customerId);
            Assert.Equal((70, HealthBand.Yellow), (state.Score, state.Band));
            // Two events on 3 November, each one task however often the job runs: the drop, and churn risk rising
            // from 10 (low) to 100 − 70 + 10 (down 20 within 30 days) = 40 (medium).
            var tasks = await db.FollowUpTasks.Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync();
            Assert.Equal(
                [($"health:drop:{customerId}:20261103", "Health score dropped 20 points in 30 days, from 90 to 70"),
                 ($"health:churn:{customerId}:20261103", "Churn risk rose from Low to Medium (40)")],
                tasks.Select(t => (t.DedupeKey!, t.Title)));
            Assert.All(tasks, t => Assert.Equal((manager, day2), (t.AssigneeUserName, t.DueDate)));
        }

        Assert.True(first.AlertsRaised >= 2);
        Assert.Equal(0, second.AlertsRaised);
        Assert.True(second.AlertsAlreadyRaised >= 2);

        using (Actors.As("credit", Roles.CreditManager))
        {
            var profile = await In<CustomerSuccessService>(factory).ProfileAsync(customerId);
            Assert.Equal([90, 70, 70], profile.Trend.Select(p => p.Score));
            Assert.Equal(70, profile.Health.Score);
            Assert.Contains("1 negative outcome (−30)", profile.Health.Component(HealthComponentKind.Engagement).Facts);
            Assert.Equal(["Complaint about delivery", "Quarterly review"], (await In<CustomerSuccessService>(factory).TimelineAsync(customerId)).Select(e => e.Title));

            var dashboard = await In<HealthDashboardService>(factory).LoadAsync(new HealthFilter(Band: HealthBand.Yellow), 0, 200);
            var row = Assert.Single(dashboard.AtRisk.Items, r => r.CustomerId == customerId);
            Assert.Equal((70, HealthBand.Yellow, (int?)null, (int?)null), (row.Score, row.Band, row.ChangeOver7Days, row.ChangeOver30Days));
            Assert.StartsWith("Emp", row.Owner);
        }
    }

    [Fact]
    public async Task Users_limited_to_other_divisions_do_not_read_the_health_of_a_customer_whose_accounts_are_elsewhere()
    {
        factory.Clock.Set("2026-11-10");
        var grocery = await DivisionIdAsync(factory.Services, "GRO");
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var account = await factory.CreditAccountAsync(grocery, 1000m);
        int groceryCustomer;
        int noAccounts;
        await using (var db = await Db(factory))
        {
            groceryCustomer = await db.DivisionAccounts.Where(a => a.Id == account).Select(a => a.CustomerId).SingleAsync();
        }

        using (Actors.As("clerk", Roles.Clerk))
        {
            noAccounts = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            await In<CustomerSuccessService>(factory).LogEngagementAsync(groceryCustomer, Held(new DateOnly(2026, 11, 10), EngagementOutcome.Neutral));
        }

        await RunAsync(new DateOnly(2026, 11, 10));

        using (Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<CustomerSuccessService>(factory).ProfileAsync(groceryCustomer));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<CustomerSuccessService>(factory).TimelineAsync(groceryCustomer));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<CustomerSuccessService>(factory).LogEngagementAsync(groceryCustomer, Held(new DateOnly(2026, 11, 10), EngagementOutcome.Neutral)));
            Assert.Null((await In<CustomerSuccessService>(factory).ProfileAsync(noAccounts)).Health.Score);
        }

        using (Actors.AsLimitedTo([clothing], "credit.clothing", Roles.CreditManager))
        {
            var all = await ExportAllAsync();
            Assert.DoesNotContain(all, r => r.CustomerId == groceryCustomer);
        }

        using (Actors.AsLimitedTo([grocery], "credit.grocery", Roles.CreditManager))
        {
            Assert.Contains(await ExportAllAsync(), r => r.CustomerId == groceryCustomer);
        }

        using (Actors.As("clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<HealthDashboardService>(factory).LoadAsync(new HealthFilter(), 0, 10));
        }
    }

    private async Task<List<HealthRow>> ExportAllAsync()
    {
        var rows = new List<HealthRow>();
        await foreach (var row in In<HealthDashboardService>(factory).ExportAsync(new HealthFilter()))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_lifecycle_override_without_a_reason_changes_nothing_and_clerks_cannot_override()
    {
        factory.Clock.Set("2026-11-12");
        int customerId;
        using (Actors.As("clerk", Roles.Clerk))
        {
            customerId = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<CustomerSuccessService>(factory).OverrideLifecycleAsync(customerId, Lifecycle.Churned, "Closed the shop"));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            var e = await Assert.ThrowsAsync<DomainException>(() => In<CustomerSuccessService>(factory).OverrideLifecycleAsync(customerId, Lifecycle.Churned, " "));
            Assert.Equal("OverrideReason", e.Field);
            await using (var db = await Db(factory))
            {
                Assert.False(await db.CustomerHealths.AnyAsync(h => h.CustomerId == customerId));
            }

            await In<CustomerSuccessService>(factory).OverrideLifecycleAsync(customerId, Lifecycle.Churned, "Closed the shop");
        }

        await RunAsync(new DateOnly(2026, 11, 12));
        await using (var db = await Db(factory))
        {
            var state = await db.CustomerHealths.SingleAsync(h => h.CustomerId == customerId);
            Assert.Equal((Lifecycle.Churned, Lifecycle.Onboarding, "Closed the shop", "credit"), (state.Lifecycle, state.ComputedLifecycle, state.OverrideReason, state.OverrideBy));
        }
    }

    [Fact]
    public async Task Only_admins_change_the_weights_and_weights_not_adding_up_to_100_change_nothing()
    {
        using (Actors.As("credit", Roles.CreditManager))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<SuccessSettingsService>(factory).ChangeAsync(SuccessSettings.Defaults(0).ToInput(), 0));
        }

        using var admin = Actors.As("admin", Roles.Admin);
        var settings = await In<SuccessSettingsService>(factory).GetAsync();
        var e = await Assert.ThrowsAsync<DomainException>(() => In<SuccessSettingsService>(factory).ChangeAsync(settings.ToInput() with { UsageWeight = 50 }, settings.Version));
        Assert.Equal("The weights add up to 110 %; they must add up to exactly 100 %.", e.Message);
        Assert.Equal(new HealthWeights(40, 25, 20, 15), (await In<SuccessSettingsService>(factory).GetAsync()).Weights);

        var saved = await In<SuccessSettingsService>(factory).ChangeAsync(settings.ToInput() with { UsageWeight = 35, SupportWeight = 30 }, settings.Version);
        Assert.Equal(new HealthWeights(35, 30, 20, 15), (await In<SuccessSettingsService>(factory).GetAsync()).Weights);
        await In<SuccessSettingsService>(factory).ChangeAsync(saved.ToInput() with { UsageWeight = 40, SupportWeight = 25 }, saved.Version);
    }
}
