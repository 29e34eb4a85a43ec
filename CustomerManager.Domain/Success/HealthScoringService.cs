using CustomerManager.Domain.Common;
using CustomerManager.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Success;

/// <summary>What a nightly scoring run did.</summary>
public sealed record HealthRunResult(DateOnly Day, int Scored, int NoData, int AlertsRaised, int AlertsAlreadyRaised);

/// <summary>One alert to raise as a task, once per <see cref="Key"/>.</summary>
public sealed record HealthAlert(string Key, int CustomerId, string Title);

/// <summary>
/// The nightly customer-success step (issue 20): scores every active customer in batches (facts read with a fixed
/// number of grouped queries per batch, one save per batch), stores one <see cref="HealthScore"/> per customer and day
/// (a second run on the same day replaces it), updates <see cref="CustomerHealth"/>, and raises each alert once as a
/// task for the customer's account manager (else a credit manager of the customer's division).
/// </summary>
public sealed class HealthScoringService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, FollowUpService tasks)
{
    public const int DefaultBatchSize = 2_000;

    public int BatchSize { get; set; } = DefaultBatchSize;

    public async Task<HealthRunResult> RunNightlyAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        SuccessSettings settings;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            settings = await SuccessSettingsService.CurrentAsync(db, cancellationToken);
        }

        var (scored, noData, raised, already) = (0, 0, 0, 0);
        var after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<HealthAlert> alerts;
            await using (var db = await dbFactory.OpenAsync(cancellationToken))
            {
                var batch = await db.Customers.AsNoTracking()
                    .Where(c => c.Id > after && c.IsActive && c.MergedIntoId == null)
                    .OrderBy(c => c.Id).Take(BatchSize).Select(c => new { c.Id, c.CreatedAtUtc }).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                after = batch[^1].Id;
                var (count, empty, found) = await ScoreBatchAsync(db, [.. batch.Select(b => (b.Id, b.CreatedAtUtc))], today, settings, cancellationToken);
                (scored, noData, alerts) = (scored + count, noData + empty, found);
            }

            foreach (var alert in alerts)
            {
                if (await RaiseAsync(alert, today, cancellationToken))
                {
                    raised++;
                }
                else
                {
                    already++;
                }
            }
        }

        return new HealthRunResult(today, scored, noData, raised, already);
    }

    private async Task<(int Scored, int NoData, List<HealthAlert> Alerts)> ScoreBatchAsync(
        ICustomerDb db, IReadOnlyList<(int Id, DateTime CreatedAtUtc)> customers, DateOnly today, SuccessSettings settings, CancellationToken ct)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var facts = await HealthFactsQuery.LoadAsync(db, customers, today, clock, ct);
        var states = await db.CustomerHealths.Where(h => ids.Contains(h.CustomerId)).ToDictionaryAsync(h => h.CustomerId, ct);
        var todays = await db.HealthScores.Where(h => ids.Contains(h.CustomerId) && h.Day == today).ToDictionaryAsync(h => h.CustomerId, ct);
        var (d7, d30) = (today.AddDays(-7), today.AddDays(-30));
        var history = await db.HealthScores.AsNoTracking()
            .Where(h => ids.Contains(h.CustomerId) && h.Day >= d30 && h.Day < today)
            .GroupBy(h => h.CustomerId)
            .Select(g => new
            {
                g.Key,
                Highest = g.Max(h => h.Score),
                At7 = g.Where(h => h.Day == d7).Select(h => h.Score).FirstOrDefault(),
                At30 = g.Where(h => h.Day == d30).Select(h => h.Score).FirstOrDefault(),
            }).ToDictionaryAsync(g => g.Key, ct);

        var alerts = new List<HealthAlert>();
        var noData = 0;
        foreach (var f in facts)
        {
            var health = HealthRules.Score(f.Health, settings.Weights);
            var past = history.GetValueOrDefault(f.CustomerId);
            var lastContact = f.Health.Engagement.LastContact;
            int? daysQuiet = lastContact is { } lc ? today.DayNumber - lc.DayNumber : null;
            var churn = ChurnRiskRules.Assess(health.Score, new ChurnSignals(past?.Highest, f.WorstSubscriptionRisk, daysQuiet, settings.NoEngagementDays));
            var (lifecycle, _) = LifecycleRules.Decide(
                new LifecycleFacts(today, f.RegisteredOn, f.LastActivity, f.Subscriptions, f.CancelledSubscriptions, health.Band),
                settings.OnboardingDays, settings.ChurnedAfterMonths);
            if (todays.TryGetValue(f.CustomerId, out var row))
            {
                row.Replace(health, churn.Score);
            }
            else
            {
                db.HealthScores.Add(new HealthScore(f.CustomerId, today, health, churn.Score));
            }

            if (!states.TryGetValue(f.CustomerId, out var state))
            {
                state = new CustomerHealth(f.CustomerId);
                db.CustomerHealths.Add(state);
            }

            state.Record(today, health.Score, churn, lifecycle, Change(health.Score, past?.At7), Change(health.Score, past?.At30));
            noData += health.Score is null ? 1 : 0;
            alerts.AddRange(AlertsFor(state, past?.Highest, lastContact, today, settings));
        }

        await db.SaveOrExplainAsync(ct);
        return (facts.Count, noData, alerts);
    }

    /// <summary>
    /// The alerts today's result raises, each keyed by the event so that a second run (today or later) finds it raised:
    /// a fall below the threshold (on the day it fell), a drop of the configured points below the highest score of the
    /// last 30 days (on the day it got there), the churn risk rising a band (that day), and no contact for the configured
    /// days (once per silence: keyed by the last contact).
    /// </summary>
    public static IEnumerable<HealthAlert> AlertsFor(CustomerHealth state, int? highest30, DateOnly? lastContact, DateOnly today, SuccessSettings settings)
    {
        var id = state.CustomerId;
        var day = today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (state.Score is { } score && state.PreviousScore is { } previous)
        {
            if (score < settings.AlertBelowScore && previous >= settings.AlertBelowScore)
            {
                yield return new HealthAlert($"health:below:{id}:{day}", id, $"Health score fell to {score}, below {settings.AlertBelowScore} (was {previous})");
            }

            var highest = Math.Max(highest30 ?? previous, previous);
            if (highest - score >= settings.AlertDropPoints && highest - previous < settings.AlertDropPoints)
            {
                yield return new HealthAlert($"health:drop:{id}:{day}", id, $"Health score dropped {highest - score} points in 30 days, from {highest} to {score}");
            }
        }

        if (state.ChurnBand is { } band && state.PreviousChurnBand is { } before && band > before)
        {
            yield return new HealthAlert($"health:churn:{id}:{day}", id, $"Churn risk rose from {before} to {band} ({state.ChurnRisk})");
        }

        if (lastContact is { } last)
        {
            var quietFrom = last.AddDays(settings.NoEngagementDays);
            var from = state.PreviousScoredOn ?? today.AddDays(-1);
            if (quietFrom > from && quietFrom <= today)
            {
                yield return new HealthAlert($"health:quiet:{id}:{last:yyyyMMdd}", id, $"No engagement for {settings.NoEngagementDays} days (last contact {last:yyyy-MM-dd})");
            }
        }
    }

    private static int? Change(int? now, int? before) => now is { } n && before is { } b ? n - b : null;

    private async Task<bool> RaiseAsync(HealthAlert alert, DateOnly today, CancellationToken ct)
    {
        string? assignee;
        await using (var db = await dbFactory.OpenAsync(ct))
        {
            if (await db.FollowUpTasks.AnyAsync(t => t.DedupeKey == alert.Key, ct))
            {
                return false;
            }

            assignee = await AssigneeAsync(db, alert.CustomerId, ct);
        }

        return assignee is not null && await tasks.CreateOnceAsync(alert.Key, alert.CustomerId, assignee, alert.Title, today, null, null, ct);
    }

    /// <summary>
    /// The customer's active account manager with an enabled sign-in; else the first credit manager (by sign-in name)
    /// who works in the division of the customer's first account (any credit manager when it has none).
    /// </summary>
    public static async Task<string?> AssigneeAsync(ICustomerDb db, int customerId, CancellationToken ct)
    {
        var manager = await (from a in db.CustomerAssignments.AsNoTracking()
                             join e in db.Employees.AsNoTracking() on a.EmployeeId equals e.Id
                             join u in db.Users.AsNoTracking() on e.UserId equals u.Id
                             where a.CustomerId == customerId && a.IsActive && !u.IsDisabled && a.Role == Assignments.AssignmentRole.AccountManager
                             orderby a.Id
                             select u.UserName).FirstOrDefaultAsync(ct);
        if (manager is not null)
        {
            return manager;
        }

        var divisionId = await db.DivisionAccounts.Where(a => a.CustomerId == customerId).OrderBy(a => a.Id).Select(a => (int?)a.DivisionId).FirstOrDefaultAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == Roles.CreditManager).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId)
                        && (divisionId == null || !db.UserDivisions.Any(d => d.UserId == u.Id) || db.UserDivisions.Any(d => d.UserId == u.Id && d.DivisionId == divisionId)))
            .OrderBy(u => u.UserName).Select(u => u.UserName).FirstOrDefaultAsync(ct);
    }
}
