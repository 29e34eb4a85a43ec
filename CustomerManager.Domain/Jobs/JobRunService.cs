using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Jobs;

/// <summary>What <see cref="JobRunService.RunAsync"/> did: ran the body (and how it ended), or left the day to another run.</summary>
public sealed record JobRunOutcome(bool Ran, JobRunStatus Status, string Node, string? Summary, string? Error)
{
    public static JobRunOutcome Skipped(JobRun existing) => new(false, existing.Status, existing.Node, existing.Summary, existing.Error);
}

/// <summary>
/// Runs background jobs once across web nodes (issue 21). Each run claims the row of its (job, day) in
/// <see cref="ICustomerDb.JobRuns"/>: the first node inserts it, every other node meets the unique key and skips; a row
/// whose node died (its lease ran out while running) is taken over by a conditional update that only one node wins.
/// The lease is renewed while the body works, so a long run is never taken from a live node.
/// </summary>
public sealed class JobRunService(ICustomerDbFactory dbFactory, TimeProvider clock, ICurrentUser currentUser)
{
    /// <summary>How long a claim lasts without renewal; renewed every third of it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Claims (<paramref name="job"/>, <paramref name="day"/>) and runs <paramref name="body"/> (which returns a
    /// one-line summary) unless another node has the day: finished, or running with a live lease. A manual run takes a
    /// finished day again (one run at a time still). The outcome is recorded; the body's exception is recorded and
    /// returned as a failure, except cancellation (the app stopping), which is recorded and rethrown.
    /// </summary>
    public async Task<JobRunOutcome> RunAsync(
        string job, DateOnly day, JobTrigger trigger, string node, Func<CancellationToken, Task<string>> body,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var (run, claimed) = await ClaimAsync(job, day, trigger, node, cancellationToken);
        if (!claimed)
        {
            return JobRunOutcome.Skipped(run);
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(run.Id, node, renewing.Token);
        try
        {
            var summary = JobRun.Truncate(await body(cancellationToken), JobRun.SummaryMaxLength);
            await StopRenewingAsync(renewing, renewal);
            await FinishAsync(run.Id, node, JobRunStatus.Succeeded, summary, null);
            return new JobRunOutcome(true, JobRunStatus.Succeeded, node, summary, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopRenewingAsync(renewing, renewal);
            await FinishAsync(run.Id, node, JobRunStatus.Failed, null, "Stopped: the node shut down during the run.");
            throw;
        }
        catch (Exception e)
        {
            await StopRenewingAsync(renewing, renewal);
            var error = JobRun.Truncate($"{e.GetType().Name}: {e.Message}", JobRun.ErrorMaxLength);
            await FinishAsync(run.Id, node, JobRunStatus.Failed, null, error);
            return new JobRunOutcome(true, JobRunStatus.Failed, node, null, error);
        }
    }

    /// <summary>
    /// The days up to <paramref name="through"/> that a node should catch up (oldest first, at most
    /// <paramref name="maxDays"/> back from <paramref name="through"/>): days after the job's latest recorded day that have
    /// no row (every node was down at their slot), and days whose run was left running by a node that died. A job with
    /// no runs at all has nothing to catch up: it starts at its next slot.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> DaysToCatchUpAsync(string job, DateOnly through, int maxDays, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        if (maxDays < 1)
        {
            return [];
        }

        var from = through.AddDays(1 - maxDays);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var latest = await db.JobRuns.AsNoTracking().Where(r => r.Job == job)
            .OrderByDescending(r => r.ScheduledFor).Select(r => (DateOnly?)r.ScheduledFor).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return [];
        }

        var abandoned = await db.JobRuns.AsNoTracking()
            .Where(r => r.Job == job && r.ScheduledFor >= from && r.ScheduledFor <= through && r.Status == JobRunStatus.Running && r.LeaseUntilUtc < now)
            .Select(r => r.ScheduledFor).ToListAsync(cancellationToken);
        var missing = new List<DateOnly>();
        for (var day = latest.Value.AddDays(1) > from ? latest.Value.AddDays(1) : from; day <= through; day = day.AddDays(1))
        {
            missing.Add(day);
        }

        return [.. abandoned.Concat(missing).Distinct().Order()];
    }

    /// <summary>The job's runs, the latest day first, for the admins' jobs page.</summary>
    public async Task<IReadOnlyList<JobRun>> HistoryAsync(string job, int take = 30, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job)
            .OrderByDescending(r => r.ScheduledFor).ThenByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
    }

    private async Task<(JobRun Run, bool Claimed)> ClaimAsync(string job, DateOnly day, JobTrigger trigger, string node, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var by = trigger == JobTrigger.Manual ? currentUser.UserName : AmbientUser.SystemName;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            if (!await db.JobRuns.AnyAsync(r => r.Job == job && r.ScheduledFor == day, cancellationToken))
            {
                var run = JobRun.Start(job, day, trigger, by, node, now, Lease);
                db.JobRuns.Add(run);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return (run, true);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // Another node inserted the day's row first: it runs, this one does not.
                }
            }
        }

        await using var again = await dbFactory.OpenAsync(cancellationToken);
        var existing = await again.JobRuns.AsNoTracking().FirstAsync(r => r.Job == job && r.ScheduledFor == day, cancellationToken);
        var reclaimFinished = trigger == JobTrigger.Manual;
        var taken = await again.JobRuns
            .Where(r => r.Id == existing.Id
                        && ((r.Status == JobRunStatus.Running && r.LeaseUntilUtc < now) || (reclaimFinished && r.Status != JobRunStatus.Running)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, JobRunStatus.Running)
                .SetProperty(r => r.Node, JobRun.Truncate(node, JobRun.NodeMaxLength))
                .SetProperty(r => r.Trigger, trigger)
                .SetProperty(r => r.TriggeredBy, by)
                .SetProperty(r => r.StartedAtUtc, now)
                .SetProperty(r => r.LeaseUntilUtc, now + Lease)
                .SetProperty(r => r.FinishedAtUtc, (DateTime?)null)
                .SetProperty(r => r.Summary, (string?)null)
                .SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        var current = await again.JobRuns.AsNoTracking().FirstAsync(r => r.Id == existing.Id, cancellationToken);
        return (current, taken == 1);
    }

    private async Task RenewWhileRunningAsync(int id, string node, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Lease / 3, clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var until = clock.GetUtcNow().UtcDateTime + Lease;
                await using var db = await dbFactory.OpenAsync(cancellationToken);
                await db.JobRuns.Where(r => r.Id == id && r.Node == node && r.Status == JobRunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUtc, until), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync();
        await renewal;
    }

    /// <summary>Records the end, unless another node has taken the row over meanwhile (this node's lease ran out).</summary>
    private async Task FinishAsync(int id, string node, JobRunStatus status, string? summary, string? error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        node = JobRun.Truncate(node, JobRun.NodeMaxLength);
        await using var db = await dbFactory.OpenAsync(CancellationToken.None);
        await db.JobRuns.Where(r => r.Id == id && r.Node == node && r.Status == JobRunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.FinishedAtUtc, now)
                .SetProperty(r => r.Summary, summary)
                .SetProperty(r => r.Error, error), CancellationToken.None);
    }
}
