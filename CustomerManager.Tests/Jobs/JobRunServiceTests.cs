using CustomerManager.Domain.Common;
using CustomerManager.Domain.Jobs;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Jobs;

/// <summary>The job-run table: a (job, day) runs once across nodes, a dead node's run is taken over, missed days are found.</summary>
public class JobRunServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private readonly TestClock clock = new() { Now = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero) };

    [Fact]
    public async Task Two_nodes_claiming_the_same_day_at_once_run_it_once()
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        var ran = 0;
        var bothStarted = new TaskCompletionSource();
        async Task<string> Body(CancellationToken _)
        {
            Interlocked.Increment(ref ran);
            await bothStarted.Task.WaitAsync(TimeSpan.FromMilliseconds(500)).ContinueWith(_ => { });
            return "did it";
        }

        var a = Service().RunAsync("once", Day, JobTrigger.Schedule, "node-a", Body);
        var b = Service().RunAsync("once", Day, JobTrigger.Schedule, "node-b", Body);
        var outcomes = await Task.WhenAll(a, b);
        bothStarted.TrySetResult();

        Assert.Equal(1, ran);
        var winner = Assert.Single(outcomes, o => o.Ran);
        var loser = Assert.Single(outcomes, o => !o.Ran);
        Assert.Equal(JobRunStatus.Succeeded, winner.Status);
        Assert.Equal(winner.Node, loser.Node);
        var row = Assert.Single(await RowsAsync("once"));
        Assert.Equal((JobRunStatus.Succeeded, "did it", 1, winner.Node), (row.Status, row.Summary, row.Attempts, row.Node));
        Assert.Equal(AmbientUser.SystemName, row.TriggeredBy);
        Assert.NotNull(row.FinishedAtUtc);
    }

    [Fact]
    public async Task A_finished_day_is_skipped_by_the_schedule_but_an_admin_runs_it_again()
    {
        using (AmbientUser.Use(AmbientUser.System))
        {
            await Service().RunAsync("rerun", Day, JobTrigger.Schedule, "node-a", _ => Task.FromResult("first"));
            var again = await Service().RunAsync("rerun", Day, JobTrigger.CatchUp, "node-b", _ => Task.FromResult("second"));
            Assert.False(again.Ran);
            Assert.Equal(("node-a", "first"), (again.Node, again.Summary));
        }

        clock.Now += TimeSpan.FromHours(3);
        using var admin = Actors.As("jobs-admin", Roles.Admin);
        var manual = await Service().RunAsync("rerun", Day, JobTrigger.Manual, "node-b", _ => Task.FromResult("by hand"));

        Assert.True(manual.Ran);
        var row = Assert.Single(await RowsAsync("rerun"));
        Assert.Equal((JobRunStatus.Succeeded, "by hand", 2, "node-b", JobTrigger.Manual, "jobs-admin"),
            (row.Status, row.Summary, row.Attempts, row.Node, row.Trigger, row.TriggeredBy));
        Assert.Equal(clock.Now.UtcDateTime, row.StartedAtUtc);
    }

    [Fact]
    public async Task A_run_left_by_a_dead_node_is_taken_over_once_its_lease_has_run_out_and_not_before()
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            db.JobRuns.Add(JobRun.Start("dead", Day, JobTrigger.Schedule, "system", "node-dead", clock.Now.UtcDateTime, JobRunService.Lease));
            await db.SaveChangesAsync();
        }

        clock.Now += JobRunService.Lease - TimeSpan.FromSeconds(1);
        var early = await Service().RunAsync("dead", Day, JobTrigger.CatchUp, "node-b", _ => Task.FromResult("too early"));
        Assert.Equal((false, JobRunStatus.Running, "node-dead"), (early.Ran, early.Status, early.Node));
        Assert.Empty(await Service().DaysToCatchUpAsync("dead", Day, 7));

        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal([Day], await Service().DaysToCatchUpAsync("dead", Day, 7));
        var late = await Service().RunAsync("dead", Day, JobTrigger.CatchUp, "node-b", _ => Task.FromResult("caught up"));

        Assert.True(late.Ran);
        var row = Assert.Single(await RowsAsync("dead"));
        Assert.Equal((JobRunStatus.Succeeded, "caught up", 2, "node-b", JobTrigger.CatchUp), (row.Status, row.Summary, row.Attempts, row.Node, row.Trigger));
    }

    [Fact]
    public async Task A_failing_run_is_recorded_with_its_error_and_the_next_day_still_runs()
    {
        using var system = AmbientUser.Use(AmbientUser.System);

        var failed = await Service().RunAsync("fails", Day, JobTrigger.Schedule, "node-a",
            _ => throw new InvalidOperationException("the mail server said no"));

        Assert.Equal((true, JobRunStatus.Failed, "InvalidOperationException: the mail server said no"), (failed.Ran, failed.Status, failed.Error));
        var row = Assert.Single(await RowsAsync("fails"));
        Assert.Equal((JobRunStatus.Failed, "InvalidOperationException: the mail server said no", (string?)null), (row.Status, row.Error, row.Summary));
        Assert.True((await Service().RunAsync("fails", Day.AddDays(1), JobTrigger.Schedule, "node-a", _ => Task.FromResult("ok"))).Ran);
    }

    [Fact]
    public async Task Missed_days_are_those_after_the_last_run_up_to_the_limit_and_a_job_that_never_ran_has_none()
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        Assert.Empty(await Service().DaysToCatchUpAsync("missed", Day, 7));

        await Service().RunAsync("missed", Day, JobTrigger.Schedule, "node-a", _ => Task.FromResult("ok"));

        Assert.Empty(await Service().DaysToCatchUpAsync("missed", Day, 7));
        Assert.Equal([Day.AddDays(1), Day.AddDays(2), Day.AddDays(3)], await Service().DaysToCatchUpAsync("missed", Day.AddDays(3), 7));
        // Twenty days down: only the last seven are run.
        Assert.Equal(Enumerable.Range(14, 7).Select(d => Day.AddDays(d)), await Service().DaysToCatchUpAsync("missed", Day.AddDays(20), 7));
        Assert.Empty(await Service().DaysToCatchUpAsync("missed", Day.AddDays(3), 0));
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Accountant)]
    [InlineData(Roles.CreditManager)]
    public async Task Only_admins_see_or_run_jobs(string role)
    {
        using var actor = Actors.As("jobs-" + role.ToLowerInvariant(), role);
        var ran = false;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().HistoryAsync("once"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service().RunAsync("refused", Day, JobTrigger.Manual, "node-a", _ => { ran = true; return Task.FromResult(""); }));

        Assert.False(ran);
        using var system = AmbientUser.Use(AmbientUser.System);
        Assert.Empty(await RowsAsync("refused"));
    }

    [Fact]
    public void A_run_needs_a_job_name_a_node_and_a_lease()
    {
        Assert.Throws<DomainException>(() => JobRun.Start("", Day, JobTrigger.Schedule, "system", "node-a", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        Assert.Throws<DomainException>(() => JobRun.Start(new string('j', JobRun.JobMaxLength + 1), Day, JobTrigger.Schedule, "system", "node-a", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        Assert.Throws<DomainException>(() => JobRun.Start("job", Day, JobTrigger.Schedule, "system", " ", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        Assert.Throws<DomainException>(() => JobRun.Start("job", Day, JobTrigger.Schedule, "system", "node-a", DateTime.UtcNow, TimeSpan.Zero));
        var run = JobRun.Start("job", Day, JobTrigger.Schedule, "system", "node-a", new DateTime(2026, 3, 10, 6, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(5));
        Assert.True(run.IsRunningAt(new DateTime(2026, 3, 10, 6, 5, 0, DateTimeKind.Utc)));
        Assert.False(run.IsRunningAt(new DateTime(2026, 3, 10, 6, 5, 1, DateTimeKind.Utc)));
    }

    private JobRunService Service() => new(
        factory.Services.GetRequiredService<ICustomerDbFactory>(), clock, factory.Services.GetRequiredService<ICurrentUser>());

    private async Task<List<JobRun>> RowsAsync(string job)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job).OrderBy(r => r.ScheduledFor).ToListAsync();
    }
}
