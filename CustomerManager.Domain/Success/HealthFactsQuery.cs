using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Notes;
using CustomerManager.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Success;

/// <summary>The facts of one customer beyond the health facts: what the lifecycle and churn risk look at.</summary>
internal sealed record CustomerFacts(
    int CustomerId, HealthFacts Health, DateOnly RegisteredOn, DateOnly? LastActivity, int Subscriptions, int CancelledSubscriptions,
    ChurnRisk? WorstSubscriptionRisk);

/// <summary>
/// Reads the facts of a batch of customers with a fixed number of grouped queries (about a dozen, whatever the batch
/// size): what the nightly scoring and the profile's live explanation share.
/// </summary>
internal static class HealthFactsQuery
{
    private static readonly AccountEntryKind[] ChargeKinds = [AccountEntryKind.SaleOnAccount, AccountEntryKind.Fee, AccountEntryKind.Interest];

    public static async Task<List<CustomerFacts>> LoadAsync(ICustomerDb db, IReadOnlyList<(int Id, DateTime CreatedAtUtc)> customers, DateOnly today, BusinessTime clock, CancellationToken ct)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var since90 = today.AddDays(-90);
        var since365 = today.AddDays(-365);
        var since90Utc = clock.StartOfDayUtc(since90);

        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.CustomerId))
                .Select(s => new { s.Id, s.CustomerId, s.Status, s.ChurnRisk }).ToListAsync(ct))
            .ToLookup(s => s.CustomerId);
        var usageSince = new DateOnly(today.Year, today.Month, 1).AddMonths(-12);
        var usage = (await (from u in db.UsageRecords.AsNoTracking()
                            join s in db.Subscriptions on u.SubscriptionId equals s.Id
                            where ids.Contains(s.CustomerId) && u.Month >= usageSince && s.Status != SubscriptionStatus.Cancelled
                            select new { s.CustomerId, u.Month, u.DataUsedGb }).ToListAsync(ct))
            .ToLookup(u => u.CustomerId);
        var tickets = (await (from t in db.SupportTickets.AsNoTracking()
                              join s in db.Subscriptions on t.SubscriptionId equals s.Id
                              where ids.Contains(s.CustomerId) && (t.OpenedOn >= since90 || t.ClosedOn == null)
                              select new { s.CustomerId, t.OpenedOn, t.ClosedOn }).ToListAsync(ct))
            .ToLookup(t => t.CustomerId);
        var complaints = await db.CustomerNotes.AsNoTracking()
            .Where(n => ids.Contains(n.CustomerId) && n.Type == NoteType.Complaint && n.CreatedAtUtc >= since90Utc)
            .GroupBy(n => n.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var engagements = await db.Engagements.AsNoTracking().Where(e => ids.Contains(e.CustomerId) && e.Held && e.Date <= today)
            .GroupBy(e => e.CustomerId)
            .Select(g => new
            {
                g.Key,
                Last = g.Max(e => e.Date),
                Recent = g.Count(e => e.Date >= since90),
                Positive = g.Count(e => e.Date >= since90 && e.Outcome == EngagementOutcome.Positive),
                Negative = g.Count(e => e.Date >= since90 && e.Outcome == EngagementOutcome.Negative),
            }).ToDictionaryAsync(g => g.Key, ct);
        var endOfTodayUtc = clock.StartOfDayUtc(today.AddDays(1));
        var lastCommunication = await db.Communications.AsNoTracking().Where(c => ids.Contains(c.CustomerId) && c.OccurredAtUtc < endOfTodayUtc)
            .GroupBy(c => c.CustomerId).Select(g => new { g.Key, Last = g.Max(c => c.OccurredAtUtc) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var purchases = await db.Purchases.AsNoTracking().Where(p => ids.Contains(p.CustomerId) && p.PurchasedOn <= today)
            .GroupBy(p => p.CustomerId)
            .Select(g => new
            {
                g.Key,
                Recent = g.Count(p => p.PurchasedOn >= since90 && p.PurchasedOn <= today),
                Earlier = g.Count(p => p.PurchasedOn >= since365 && p.PurchasedOn < since90),
                Last = g.Max(p => p.PurchasedOn),
            }).ToDictionaryAsync(g => g.Key, ct);
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => ids.Contains(a.CustomerId))
            .Select(a => new { a.CustomerId, a.Balance, a.CreditLimit, a.AllowCredit }).ToListAsync(ct);
        var accountsByCustomer = accounts.ToLookup(a => a.CustomerId);
        var lastPayment = await (from e in db.AccountEntries.AsNoTracking()
                                 join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                                 where ids.Contains(a.CustomerId) && e.Kind == AccountEntryKind.Payment && e.PostingDate <= today
                                 group e by a.CustomerId into g
                                 select new { g.Key, Last = g.Max(e => e.PostingDate) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        // Charges due before today: in the last 365 days (for the on-time share), or older and still unpaid (overdue).
        var charges = (await (from e in db.AccountEntries.AsNoTracking()
                              join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                              where ids.Contains(a.CustomerId) && ChargeKinds.Contains(e.Kind) && e.DueDate != null && e.DueDate < today
                                    && (e.DueDate >= since365 || a.Balance > 0)
                                    && !db.AccountEntries.Any(r => r.ReversalOfId == e.Id)
                              select new
                              {
                                  a.CustomerId,
                                  e.Amount,
                                  DueDate = e.DueDate!.Value,
                                  Paid = db.PaymentAllocations.Where(p => p.ChargeEntryId == e.Id).Sum(p => p.Amount),
                                  PaidByDue = db.PaymentAllocations.Where(p => p.ChargeEntryId == e.Id && p.Payment!.PostingDate <= e.DueDate).Sum(p => p.Amount),
                              }).ToListAsync(ct))
            .ToLookup(c => c.CustomerId);

        var result = new List<CustomerFacts>(customers.Count);
        foreach (var (id, createdAtUtc) in customers)
        {
            var subs = subscriptions[id].ToList();
            var months = usage[id].GroupBy(u => u.Month).OrderBy(g => g.Key).Select(g => g.Sum(u => u.DataUsedGb)).ToList();
            var purchase = purchases.GetValueOrDefault(id);
            var engagement = engagements.GetValueOrDefault(id);
            DateOnly? lastComm = lastCommunication.TryGetValue(id, out var c) ? clock.LocalDate(c) : null;
            var lastContact = Max(engagement?.Last, lastComm);
            var due = charges[id].Where(x => x.DueDate >= since365).ToList();
            var oldestUnpaid = charges[id].Where(x => x.Paid < x.Amount).Select(x => (DateOnly?)x.DueDate).Min();
            var credit = accountsByCustomer[id].Where(a => a.AllowCredit).ToList();
            var health = new HealthFacts(
                today,
                new UsageFacts(months, purchase?.Recent ?? 0, purchase?.Earlier ?? 0),
                new SupportFacts(subs.Any(s => s.Status != SubscriptionStatus.Cancelled), tickets[id].Count(t => t.OpenedOn >= since90), tickets[id].Count(t => t.ClosedOn == null),
                    complaints.GetValueOrDefault(id)),
                new EngagementFacts(lastContact, engagement?.Recent ?? 0, engagement?.Positive ?? 0, engagement?.Negative ?? 0),
                new BusinessFacts(due.Count, due.Count(x => x.PaidByDue >= x.Amount), oldestUnpaid is { } o ? today.DayNumber - o.DayNumber : 0,
                    credit.Sum(a => a.Balance), credit.Sum(a => a.CreditLimit)));
            var lastUsage = usage[id].Select(u => (DateOnly?)u.Month).Max();
            var lastActivity = Max(Max(lastContact, purchase?.Last), Max(lastPayment.TryGetValue(id, out var p) ? p : null, lastUsage));
            var worst = subs.Where(s => s.Status != SubscriptionStatus.Cancelled).Select(s => (ChurnRisk?)s.ChurnRisk).Max();
            result.Add(new CustomerFacts(id, health, clock.LocalDate(createdAtUtc), lastActivity, subs.Count,
                subs.Count(s => s.Status == SubscriptionStatus.Cancelled), worst));
        }

        return result;
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
