using System.Net;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Jobs;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerManager.Tests.Jobs;

/// <summary>The daily job on two nodes of one database: each day runs once, and a node that was down catches up.</summary>
public class DailyJobAcrossNodesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;

    [Fact]
    public async Task The_daily_job_fired_on_two_nodes_at_once_posts_the_late_fee_once()
    {
        var layby = await OpenLaybyAsync();
        // Noon on the ninth day after the first instalment fell due: past the 7-day grace period.
        var day = layby.Instalments.Min(i => i.DueDate).AddDays(9);
        var clock = new TestClock { Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(2)) };

        var outcomes = await Task.WhenAll(
            Job(clock, "node-a").RunClaimedAsync(day, JobTrigger.Schedule, CancellationToken.None),
            Job(clock, "node-b").RunClaimedAsync(day, JobTrigger.Schedule, CancellationToken.None));

        var ran = Assert.Single(outcomes, o => o!.Ran)!;
        Assert.Equal(JobRunStatus.Succeeded, ran.Status);
        Assert.Contains(ran.Node, new[] { "node-a", "node-b" });
        Assert.Matches(@"^\d+ laybys checked, [1-9]\d* late fees added, \d+ defaulted\.$", ran.Summary);
        using var clerk = Actors.As("nodes-clerk", Roles.Clerk);
        Assert.Single((await Laybys().GetAsync(layby.Id)).Entries, e => e.Kind == LaybyEntryKind.LateFee);
        var row = Assert.Single(await RunsAsync(), r => r.ScheduledFor == day);
        Assert.Equal((1, ran.Node, JobRunStatus.Succeeded), (row.Attempts, row.Node, row.Status));
    }

    [Fact]
    public async Task A_node_that_starts_after_missed_days_runs_each_once_and_then_waits_for_the_next_slot()
    {
        // The job last ran for 1 June (later than any other test's day); the node starts at noon on 4 June (local), past the 01:00 slot.
        var lastRun = new DateOnly(2040, 6, 1);
        await using (var db = await factory.Services.GetRequiredService<Domain.Common.ICustomerDbFactory>().OpenAsync())
        {
            db.JobRuns.Add(JobRun.Start(LaybyDailyJob.Name, lastRun, JobTrigger.Schedule, "system", "node-a",
                new DateTime(2040, 5, 31, 23, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(5)));
            await db.SaveChangesAsync();
        }

        var clock = new TestClock { Now = new DateTimeOffset(2040, 6, 4, 12, 0, 0, TimeSpan.FromHours(2)) };
        using var job = Job(clock, "node-b", enabled: true);
        await job.StartAsync(CancellationToken.None);
        var expected = new[] { lastRun, new(2040, 6, 2), new(2040, 6, 3), new(2040, 6, 4) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<JobRun> runs;
        do
        {
            await Task.Delay(200);
            runs = (await RunsAsync()).Where(r => r.ScheduledFor >= lastRun && r.ScheduledFor.Year == 2040).ToList();
        }
        while (runs.Count(r => r.Status != JobRunStatus.Running) < expected.Length && DateTime.UtcNow < deadline);

        await job.StopAsync(CancellationToken.None);
        Assert.Equal(expected, runs.Select(r => r.ScheduledFor));
        Assert.All(runs.Skip(1), r => Assert.Equal((JobTrigger.CatchUp, "node-b", JobRunStatus.Succeeded, 1), (r.Trigger, r.Node, r.Status, r.Attempts)));
        Assert.Equal(new DateTime(2040, 6, 4, 23, 0, 0, DateTimeKind.Utc), job.NextRunUtc());
    }

    [Fact]
    public async Task Run_now_on_the_jobs_page_is_for_admins_and_the_page_shows_the_node()
    {
        using (var clerk = SignInClient.For(factory))
        {
            await clerk.SignInSuccessfullyAsync("clerk", DemoDataSeeder.DemoPassword);
            var refused = await clerk.Http.GetAsync("/admin/jobs");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.AbsolutePath);
        }

        using var admin = SignInClient.For(factory);
        await admin.SignInSuccessfullyAsync("admin", DemoDataSeeder.DemoPassword);
        var response = await admin.Http.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"run-daily-now\"", html);
        Assert.Contains($"id=\"this-node\">{factory.Services.GetRequiredService<NodeIdentity>().Name}<", html);
        // Jobs are off in the test app: no next run on this node.
        Assert.Contains("Not scheduled: jobs are switched off on this node", html);
    }

    [Fact]
    public async Task Run_now_runs_today_as_the_admin_and_a_second_click_while_it_runs_is_refused()
    {
        var clock = new TestClock { Now = new DateTimeOffset(2032, 2, 3, 9, 0, 0, TimeSpan.FromHours(2)) };
        var job = Job(clock, "node-a");
        using var admin = Actors.As("jobs-admin", Roles.Admin);

        var first = await job.RunNowAsync(Runs(clock), CancellationToken.None);
        var second = await job.RunNowAsync(Runs(clock), CancellationToken.None);

        Assert.Equal((true, JobRunStatus.Succeeded), (first.Ran, first.Status));
        Assert.True(second.Ran, "a finished day runs again when an admin asks");
        var row = Assert.Single(await RunsAsync(), r => r.ScheduledFor == new DateOnly(2032, 2, 3));
        Assert.Equal((2, JobTrigger.Manual, "jobs-admin"), (row.Attempts, row.Trigger, row.TriggeredBy));
        using var clerk = Actors.As("jobs-clerk", Roles.Clerk);
        await Assert.ThrowsAsync<AccessDeniedException>(() => job.RunNowAsync(Runs(clock), CancellationToken.None));
    }

    private LaybyDailyJob Job(TimeProvider clock, string node, bool enabled = false) => new(
        new ClockedScopes(factory.Services, clock),
        TestTime.Johannesburg(clock),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LaybyDailyJob.EnabledKey] = enabled ? "true" : "false",
            [LaybyDailyJob.HourKey] = "1",
        }).Build(),
        NullLogger<LaybyDailyJob>.Instance,
        new NodeIdentity(node));

    private JobRunService Runs(TimeProvider clock) => new(
        factory.Services.GetRequiredService<Domain.Common.ICustomerDbFactory>(), clock, factory.Services.GetRequiredService<ICurrentUser>());

    private LaybyService Laybys() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();

    private async Task<List<JobRun>> RunsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<Domain.Common.ICustomerDbFactory>().OpenAsync();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == LaybyDailyJob.Name).OrderBy(r => r.ScheduledFor).ToListAsync();
    }

    private async Task<Layby> OpenLaybyAsync()
    {
        using var clerk = Actors.As("nodes-clerk", Roles.Clerk);
        using var scope = factory.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
        return await scope.ServiceProvider.GetRequiredService<LaybyService>().OpenAsync(new OpenLaybyInput(
            customer.Id, Clothing, [new LaybyItemInput("Raincoat", null, 1, 1000m)], 250m, PaymentMethod.Cash,
            LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid()));
    }

    /// <summary>Scopes whose <see cref="JobRunService"/> reads the test's clock (the rest of the app keeps its own).</summary>
    private sealed class ClockedScopes(IServiceProvider services, TimeProvider clock) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => new Scope(services.CreateScope(), clock);

        private sealed class Scope(IServiceScope inner, TimeProvider clock) : IServiceScope, IServiceProvider, IAsyncDisposable
        {
            public IServiceProvider ServiceProvider => this;

            public object? GetService(Type serviceType) => serviceType == typeof(JobRunService)
                ? new JobRunService(inner.ServiceProvider.GetRequiredService<Domain.Common.ICustomerDbFactory>(), clock, inner.ServiceProvider.GetRequiredService<ICurrentUser>())
                : inner.ServiceProvider.GetService(serviceType);

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
