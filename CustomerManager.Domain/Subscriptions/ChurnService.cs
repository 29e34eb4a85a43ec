using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>
/// Recomputes the churn risk of subscriptions from their facts (<see cref="ChurnRules"/>): the nightly job for every
/// subscription that is not cancelled, and <see cref="ExperienceService"/> for one at once when its facts change.
/// </summary>
public sealed class ChurnService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private const int ChunkSize = 500;

    /// <summary>Every subscription that is not cancelled (in the user's divisions); returns how many were assessed.</summary>
    public async Task<int> RecomputeAllAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Accountant, Roles.CreditManager, Roles.Admin);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var ids = await db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Cancelled && (mine == null || mine.Contains(s.DivisionId)))
            .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var chunkDb = await dbFactory.OpenAsync(cancellationToken);
            await RecomputeAsync(chunkDb, chunk, clock.Today, cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>Assesses <paramref name="ids"/> and saves the risks that changed (one save per chunk).</summary>
    internal static async Task RecomputeAsync(ICustomerDb db, IReadOnlyCollection<int> ids, DateOnly today, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var subscriptions = await db.Subscriptions.Where(s => chunk.Contains(s.Id) && s.Status != SubscriptionStatus.Cancelled).ToListAsync(cancellationToken);
            if (subscriptions.Count == 0)
            {
                continue;
            }

            var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-12);
            var usage = (await db.UsageRecords.AsNoTracking().Where(u => chunk.Contains(u.SubscriptionId) && u.Month >= since)
                    .Select(u => new { u.SubscriptionId, u.Month, u.DataUsedGb }).ToListAsync(cancellationToken))
                .ToLookup(u => u.SubscriptionId);
            var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => chunk.Contains(a.SubscriptionId))
                    .Select(a => new { a.SubscriptionId, a.AnsweredOn, a.Id, a.NpsScore, a.Satisfaction }).ToListAsync(cancellationToken))
                .ToLookup(a => a.SubscriptionId);
            var ticketSince = today.AddDays(-90);
            var tickets = (await db.SupportTickets.AsNoTracking().Where(t => chunk.Contains(t.SubscriptionId) && (t.OpenedOn >= ticketSince || t.ClosedOn == null))
                    .Select(t => new { t.SubscriptionId, t.OpenedOn, t.ClosedOn }).ToListAsync(cancellationToken))
                .ToLookup(t => t.SubscriptionId);
            var customerIds = subscriptions.Select(s => s.CustomerId).Distinct().ToList();
            var accounts = (await db.DivisionAccounts.AsNoTracking().Where(a => customerIds.Contains(a.CustomerId))
                    .Select(a => new { a.Id, a.CustomerId, a.DivisionId, a.Balance }).ToListAsync(cancellationToken))
                .ToDictionary(a => (a.CustomerId, a.DivisionId));
            var owing = subscriptions.Where(s => accounts.TryGetValue((s.CustomerId, s.DivisionId), out var a) && a.Balance > 0)
                .Select(s => (accounts[(s.CustomerId, s.DivisionId)].Id, s.SubscriptionNumber)).ToList();
            var unpaid = await SubscriptionLedger.UnpaidAsync(db, owing, cancellationToken);
            foreach (var subscription in subscriptions)
            {
                var ordered = usage[subscription.Id].OrderBy(u => u.Month).Select(u => u.DataUsedGb).ToList();
                var lastNps = answers[subscription.Id].Where(a => a.NpsScore != null).MaxBy(a => (a.AnsweredOn, a.Id))?.NpsScore;
                var lastSatisfaction = answers[subscription.Id].Where(a => a.Satisfaction != null).MaxBy(a => (a.AnsweredOn, a.Id))?.Satisfaction;
                var recent = tickets[subscription.Id].Count(t => t.OpenedOn >= ticketSince);
                var open = tickets[subscription.Id].Count(t => t.ClosedOn == null);
                var overdue = unpaid.GetValueOrDefault(subscription.SubscriptionNumber) is { OldestDue: { } due } u && due < today
                    ? (Days: today.DayNumber - due.DayNumber, u.Amount)
                    : (Days: 0, Amount: 0m);
                var assessment = ChurnRules.Assess(new ChurnFacts(today, ordered, lastNps, lastSatisfaction, recent, open, overdue.Days, overdue.Amount,
                    subscription.RenewalDate));
                subscription.SetChurn(assessment, today);
            }

            await db.SaveOrExplainAsync(cancellationToken);
        }
    }
}
