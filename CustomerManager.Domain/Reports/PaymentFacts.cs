using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>Where money received came from.</summary>
public enum PaymentSource
{
    AccountPayment,
    LaybyDeposit,
    LaybyPayment,

    /// <summary>Credit paid back from an account (money out).</summary>
    AccountRefund,

    /// <summary>Paid back when a layby was cancelled or defaulted (money out).</summary>
    LaybyRefund,
}

/// <summary>
/// Money received on one day by one method, division and clerk from one source, as the database grouped it:
/// <see cref="Amount"/> is positive for payments and negative for reversals of payments (on the day of the reversal,
/// with the method of the payment reversed).
/// </summary>
/// Refunds are money out: their amount is negative.
public sealed record PaymentFact(DateOnly Day, PaymentMethod? Method, int DivisionId, string Clerk, PaymentSource Source, bool IsReversal, int Count, decimal Amount)
{
    public bool IsRefund => Source is PaymentSource.AccountRefund or PaymentSource.LaybyRefund;
}

public sealed partial class ReportService
{
    /// <summary>
    /// Payments, their reversals and refunds paid out, from account ledgers and laybys between two days (inclusive),
    /// grouped in SQL.
    /// </summary>
    private async Task<List<PaymentFact>> PaymentFactsAsync(
        ICustomerDb db, DateOnly firstDay, DateOnly lastDay, int? divisionId, CancellationToken cancellationToken)
    {
        // Layby entries carry a UTC time: the period is the business's local days, and the SQL groups by the minute so
        // each group falls on one local day whatever the zone's offset (see LocalDay).
        var fromUtc = clock.StartOfDayUtc(firstDay);
        var beforeUtc = clock.StartOfDayUtc(lastDay.AddDays(1));
        var accountPayments = await (from e in db.AccountEntries
                                     join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                                     where (e.Kind == AccountEntryKind.Payment || e.Kind == AccountEntryKind.Refund)
                                           && e.PostingDate >= firstDay && e.PostingDate <= lastDay
                                           && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                                     group e by new { e.PostingDate, e.Method, a.DivisionId, e.CreatedBy, e.Kind } into g
                                     select new { g.Key.PostingDate, g.Key.Method, g.Key.DivisionId, g.Key.CreatedBy, g.Key.Kind, Count = g.Count(), Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var accountReversals = await (from r in db.AccountEntries
                                      join p in db.AccountEntries on r.ReversalOfId equals p.Id
                                      join a in db.DivisionAccounts on r.DivisionAccountId equals a.Id
                                      where r.Kind == AccountEntryKind.Reversal && p.Kind == AccountEntryKind.Payment
                                            && r.PostingDate >= firstDay && r.PostingDate <= lastDay && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                                      group r by new { r.PostingDate, p.Method, a.DivisionId, r.CreatedBy } into g
                                      select new { g.Key.PostingDate, g.Key.Method, g.Key.DivisionId, g.Key.CreatedBy, Count = g.Count(), Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var laybyPayments = await (from e in db.LaybyEntries
                                   join l in db.Laybys on e.LaybyId equals l.Id
                                   where (e.Kind == LaybyEntryKind.Deposit || e.Kind == LaybyEntryKind.Payment || e.Kind == LaybyEntryKind.Refund)
                                         && e.PostedAtUtc >= fromUtc && e.PostedAtUtc < beforeUtc && (divisionId == null || l.DivisionId == divisionId) && (Mine == null || Mine.Contains(l.DivisionId))
                                   group e by new { e.PostedAtUtc.Date, e.PostedAtUtc.Hour, e.PostedAtUtc.Minute, e.Method, l.DivisionId, e.PostedBy, e.Kind } into g
                                   select new { g.Key.Date, g.Key.Hour, g.Key.Minute, g.Key.Method, g.Key.DivisionId, g.Key.PostedBy, g.Key.Kind, Count = g.Count(), Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var laybyReversals = await (from r in db.LaybyEntries
                                    join p in db.LaybyEntries on r.ReversalOfId equals p.Id
                                    join l in db.Laybys on r.LaybyId equals l.Id
                                    where r.Kind == LaybyEntryKind.Reversal && r.ReversesPayment
                                          && r.PostedAtUtc >= fromUtc && r.PostedAtUtc < beforeUtc && (divisionId == null || l.DivisionId == divisionId) && (Mine == null || Mine.Contains(l.DivisionId))
                                    group r by new { r.PostedAtUtc.Date, r.PostedAtUtc.Hour, r.PostedAtUtc.Minute, p.Method, l.DivisionId, r.PostedBy, p.Kind } into g
                                    select new { g.Key.Date, g.Key.Hour, g.Key.Minute, g.Key.Method, g.Key.DivisionId, g.Key.PostedBy, g.Key.Kind, Count = g.Count(), Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);

        // Payments are stored negative (they reduce what is owed), their reversals positive: received = −amount.
        // Refunds are stored positive on both ledgers (money paid out): received = −amount too.
        static PaymentSource Layby(LaybyEntryKind kind) => kind switch
        {
            LaybyEntryKind.Deposit => PaymentSource.LaybyDeposit,
            LaybyEntryKind.Refund => PaymentSource.LaybyRefund,
            _ => PaymentSource.LaybyPayment,
        };
        static PaymentSource Account(AccountEntryKind kind) => kind == AccountEntryKind.Refund ? PaymentSource.AccountRefund : PaymentSource.AccountPayment;
        DateOnly LocalDay(DateTime utcDate, int hour, int minute) => clock.LocalDate(utcDate.AddHours(hour).AddMinutes(minute));
        List<PaymentFact> facts =
        [
            .. accountPayments.Select(x => new PaymentFact(x.PostingDate, x.Method, x.DivisionId, x.CreatedBy, Account(x.Kind), false, x.Count, -x.Amount)),
            .. accountReversals.Select(x => new PaymentFact(x.PostingDate, x.Method, x.DivisionId, x.CreatedBy, PaymentSource.AccountPayment, true, x.Count, -x.Amount)),
            .. laybyPayments.Select(x => new PaymentFact(LocalDay(x.Date, x.Hour, x.Minute), x.Method, x.DivisionId, x.PostedBy, Layby(x.Kind), false, x.Count, -x.Amount)),
            .. laybyReversals.Select(x => new PaymentFact(LocalDay(x.Date, x.Hour, x.Minute), x.Method, x.DivisionId, x.PostedBy, Layby(x.Kind), true, x.Count, -x.Amount)),
        ];
        // Minutes of one local day, one method, division and clerk are one fact again.
        return facts.GroupBy(f => (f.Day, f.Method, f.DivisionId, f.Clerk, f.Source, f.IsReversal))
            .Select(g => new PaymentFact(g.Key.Day, g.Key.Method, g.Key.DivisionId, g.Key.Clerk, g.Key.Source, g.Key.IsReversal,
                g.Sum(f => f.Count), g.Sum(f => f.Amount)))
            .ToList();
    }

    private static async Task<Dictionary<int, string>> DivisionNamesAsync(ICustomerDb db, CancellationToken cancellationToken) =>
        await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
}
