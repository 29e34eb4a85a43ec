using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>A subscription's usage, survey answers and tickets, newest first.</summary>
public sealed record SubscriptionExperience(
    IReadOnlyList<UsageRecord> Usage, IReadOnlyList<SurveyAnswer> Answers, IReadOnlyList<SupportTicket> Tickets);

/// <summary>What a usage import did, or why it wrote nothing.</summary>
public sealed record UsageImportResult(int Imported, IReadOnlyList<string> Problems);

/// <summary>An NPS row: by plan or division, or overall (both names null); satisfaction is the average of the 1-5 answers.</summary>
public sealed record NpsRow(string? PlanName, string? DivisionName, int Answers, int Promoters, int Detractors, int? Score, decimal? AverageSatisfaction);

/// <summary>
/// Usage, survey answers (NPS 0-10 and satisfaction 1-5) and support tickets of subscriptions (issue 19): clerks,
/// credit managers and admins record them; everyone reads those of their divisions. Every new fact recomputes the
/// subscription's churn risk at once (the nightly job recomputes all of them too).
/// </summary>
public sealed class ExperienceService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<SubscriptionExperience> ForSubscriptionAsync(int subscriptionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await SubscriptionAsync(db, subscriptionId, cancellationToken);
        return new SubscriptionExperience(
            await db.UsageRecords.AsNoTracking().Where(u => u.SubscriptionId == subscriptionId).OrderByDescending(u => u.Month).Take(36).ToListAsync(cancellationToken),
            await db.SurveyAnswers.AsNoTracking().Where(a => a.SubscriptionId == subscriptionId).OrderByDescending(a => a.AnsweredOn).ThenByDescending(a => a.Id).Take(50).ToListAsync(cancellationToken),
            await db.SupportTickets.AsNoTracking().Where(t => t.SubscriptionId == subscriptionId).OrderByDescending(t => t.OpenedOn).ThenByDescending(t => t.Id).Take(100).ToListAsync(cancellationToken));
    }

    public async Task<UsageRecord> AddUsageAsync(int subscriptionId, UsageInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var subscription = await SubscriptionAsync(db, subscriptionId, cancellationToken);
        var record = new UsageRecord(subscriptionId, input, UsageSource.Manual, clock.Today, clock.UtcNow, currentUser.UserName);
        if (await db.UsageRecords.AnyAsync(u => u.SubscriptionId == subscriptionId && u.Month == record.Month, cancellationToken))
        {
            throw new DomainException($"Usage for {record.Month:yyyy-MM} is already recorded for {subscription.SubscriptionNumber}.", nameof(UsageRecord.Month));
        }

        db.UsageRecords.Add(record);
        await db.SaveOrExplainAsync(cancellationToken);
        await ChurnService.RecomputeAsync(db, [subscriptionId], clock.Today, cancellationToken);
        return record;
    }

    /// <summary>
    /// Imports a usage file: checks the header, every cell, that each subscription exists in the user's divisions and that
    /// no month is recorded twice, and writes nothing unless every row is right (then all rows in one transaction).
    /// </summary>
    public async Task<UsageImportResult> ImportUsageAsync(IReadOnlyList<string> header, IReadOnlyList<UsageFileRow> rows, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        var today = clock.Today;
        var (entries, problems) = UsageFile.Read(header, rows, today);
        if (problems.Count > 0)
        {
            return new UsageImportResult(0, problems);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var numbers = entries.Select(e => e.SubscriptionNumber).Distinct().ToList();
        var subscriptions = new Dictionary<string, (int Id, int DivisionId)>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            foreach (var s in await db.Subscriptions.AsNoTracking().Where(s => chunk.Contains(s.SubscriptionNumber))
                         .Select(s => new { s.SubscriptionNumber, s.Id, s.DivisionId }).ToListAsync(cancellationToken))
            {
                subscriptions[s.SubscriptionNumber] = (s.Id, s.DivisionId);
            }
        }

        var found = new List<string>();
        foreach (var entry in entries)
        {
            if (!subscriptions.TryGetValue(entry.SubscriptionNumber, out var s) || !currentUser.WorksIn(s.DivisionId))
            {
                found.Add($"Line {entry.Line}, SubscriptionNumber: there is no subscription {entry.SubscriptionNumber}{(subscriptions.ContainsKey(entry.SubscriptionNumber) ? " in your divisions" : "")}.");
            }
        }

        var ids = subscriptions.Values.Select(s => s.Id).ToList();
        var existing = new HashSet<(int, DateOnly)>();
        foreach (var chunk in ids.Chunk(500))
        {
            existing.UnionWith((await db.UsageRecords.AsNoTracking().Where(u => chunk.Contains(u.SubscriptionId))
                .Select(u => new { u.SubscriptionId, u.Month }).ToListAsync(cancellationToken)).Select(u => (u.SubscriptionId, u.Month)));
        }

        found.AddRange(entries.Where(e => subscriptions.TryGetValue(e.SubscriptionNumber, out var s) && existing.Contains((s.Id, e.Usage.Month)))
            .Select(e => $"Line {e.Line}: usage for {e.Usage.Month:yyyy-MM} is already recorded for {e.SubscriptionNumber}."));
        if (found.Count > 0)
        {
            return new UsageImportResult(0, found);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.UsageRecords.AddRange(entries.Select(e =>
            new UsageRecord(subscriptions[e.SubscriptionNumber].Id, e.Usage, UsageSource.Import, today, clock.UtcNow, currentUser.UserName)));
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ChurnService.RecomputeAsync(db, ids, today, cancellationToken);
        return new UsageImportResult(entries.Count, []);
    }

    public async Task<SurveyAnswer> RecordAnswerAsync(
        int subscriptionId, DateOnly? answeredOn, int? npsScore, int? satisfaction, string? comment, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await SubscriptionAsync(db, subscriptionId, cancellationToken);
        var answer = new SurveyAnswer(subscriptionId, answeredOn ?? clock.Today, npsScore, satisfaction, comment, clock.Today, clock.UtcNow, currentUser.UserName);
        db.SurveyAnswers.Add(answer);
        await db.SaveOrExplainAsync(cancellationToken);
        await ChurnService.RecomputeAsync(db, [subscriptionId], clock.Today, cancellationToken);
        return answer;
    }

    public async Task<SupportTicket> OpenTicketAsync(int subscriptionId, string? subject, DateOnly? openedOn, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await SubscriptionAsync(db, subscriptionId, cancellationToken);
        var ticket = new SupportTicket(subscriptionId, subject, openedOn ?? clock.Today, clock.Today, clock.UtcNow, currentUser.UserName);
        db.SupportTickets.Add(ticket);
        await db.SaveOrExplainAsync(cancellationToken);
        await ChurnService.RecomputeAsync(db, [subscriptionId], clock.Today, cancellationToken);
        return ticket;
    }

    public async Task<SupportTicket> CloseTicketAsync(int ticketId, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var ticket = await db.SupportTickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
            ?? throw new NotFoundException("That ticket does not exist.");
        await SubscriptionAsync(db, ticket.SubscriptionId, cancellationToken);
        Concurrency.EnsureVersion(ticket, version, "ticket");
        ticket.Close(clock.Today);
        await db.SaveOrExplainAsync(cancellationToken);
        await ChurnService.RecomputeAsync(db, [ticket.SubscriptionId], clock.Today, cancellationToken);
        return ticket;
    }

    /// <summary>NPS and average satisfaction of the answers given from <paramref name="firstDay"/> to <paramref name="lastDay"/>: per plan, per division and overall.</summary>
    public async Task<IReadOnlyList<NpsRow>> NpsAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var answers = await (from a in db.SurveyAnswers.AsNoTracking()
                             join s in db.Subscriptions on a.SubscriptionId equals s.Id
                             join p in db.Plans on s.PlanId equals p.Id
                             join d in db.Divisions on s.DivisionId equals d.Id
                             where a.AnsweredOn >= firstDay && a.AnsweredOn <= lastDay && (mine == null || mine.Contains(s.DivisionId))
                             select new { a.NpsScore, a.Satisfaction, PlanName = p.Name, DivisionName = d.Name }).ToListAsync(cancellationToken);

        NpsRow Row(string? plan, string? division, IEnumerable<(int? Nps, int? Satisfaction)> group)
        {
            var list = group.ToList();
            var scores = list.Where(x => x.Nps is not null).Select(x => x.Nps!.Value).ToList();
            var satisfaction = list.Where(x => x.Satisfaction is not null).Select(x => (decimal)x.Satisfaction!.Value).ToList();
            return new NpsRow(plan, division, scores.Count, scores.Count(s => s >= 9), scores.Count(s => s <= 6), Nps.Score(scores),
                satisfaction.Count == 0 ? null : Math.Round(satisfaction.Average(), 2, MidpointRounding.AwayFromZero));
        }

        return
        [
            .. answers.GroupBy(a => a.PlanName).OrderBy(g => g.Key).Select(g => Row(g.Key, null, g.Select(a => (a.NpsScore, a.Satisfaction)))),
            .. answers.GroupBy(a => a.DivisionName).OrderBy(g => g.Key).Select(g => Row(null, g.Key, g.Select(a => (a.NpsScore, a.Satisfaction)))),
            Row(null, null, answers.Select(a => (a.NpsScore, a.Satisfaction))),
        ];
    }

    private async Task<Subscription> SubscriptionAsync(ICustomerDb db, int subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
            ?? throw new NotFoundException("That subscription does not exist.");
        currentUser.RequireDivision(subscription.DivisionId);
        return subscription;
    }
}
