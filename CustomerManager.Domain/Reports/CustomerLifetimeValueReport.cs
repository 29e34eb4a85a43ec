using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>What a customer has paid across divisions (account payments and layby deposits and payments, net of reversals).</summary>
public sealed record CustomerValueRow(
    int Rank, int CustomerId, string CustomerNumber, string CustomerName, int Divisions, decimal AccountPayments, decimal LaybyPayments,
    DateOnly FirstPayment, DateOnly LastPayment)
{
    public decimal TotalPaid => AccountPayments + LaybyPayments;
}

public sealed partial class ReportService
{
    /// <summary>Customers by total paid, highest first; <paramref name="top"/> of them (all when null).</summary>
    public async Task<IReadOnlyList<CustomerValueRow>> CustomerLifetimeValueAsync(
        int? divisionId, int? top, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        if (top is <= 0)
        {
            throw new DomainException("Show at least one customer.", "Top");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        // Payments and reversals of payments, summed per customer and division by the database.
        var account = await (from e in db.AccountEntries
                             join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                             where (e.Kind == AccountEntryKind.Payment
                                    || (e.Kind == AccountEntryKind.Reversal && db.AccountEntries.Any(p => p.Id == e.ReversalOfId && p.Kind == AccountEntryKind.Payment)))
                                   && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                             group e by new { a.CustomerId, a.DivisionId } into g
                             select new { g.Key.CustomerId, g.Key.DivisionId, Amount = g.Sum(x => x.Amount), First = g.Min(x => x.PostingDate), Last = g.Max(x => x.PostingDate) })
            .ToListAsync(cancellationToken);
        var layby = await (from e in db.LaybyEntries
                           join l in db.Laybys on e.LaybyId equals l.Id
                           where (e.Kind == LaybyEntryKind.Deposit || e.Kind == LaybyEntryKind.Payment || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment))
                                 && (divisionId == null || l.DivisionId == divisionId) && (Mine == null || Mine.Contains(l.DivisionId))
                           group e by new { l.CustomerId, l.DivisionId } into g
                           select new { g.Key.CustomerId, g.Key.DivisionId, Amount = g.Sum(x => x.Amount), First = g.Min(x => x.PostedAtUtc), Last = g.Max(x => x.PostedAtUtc) })
            .ToListAsync(cancellationToken);

        var parts = account.Select(x => (x.CustomerId, x.DivisionId, Account: -x.Amount, Layby: 0m, x.First, x.Last))
            .Concat(layby.Select(x => (x.CustomerId, x.DivisionId, Account: 0m, Layby: -x.Amount, First: clock.LocalDate(x.First), Last: clock.LocalDate(x.Last))));
        var ranked = parts.GroupBy(p => p.CustomerId)
            .Select(g => (CustomerId: g.Key, Divisions: g.Select(p => p.DivisionId).Distinct().Count(), Account: g.Sum(p => p.Account),
                Layby: g.Sum(p => p.Layby), First: g.Min(p => p.First), Last: g.Max(p => p.Last)))
            .Where(c => c.Account + c.Layby != 0)
            .OrderByDescending(c => c.Account + c.Layby).ThenBy(c => c.CustomerId)
            .Take(top ?? int.MaxValue)
            .ToList();
        var ids = ranked.Select(r => r.CustomerId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.CustomerNumber, c.FullName), cancellationToken);
        return ranked.Select((r, i) => new CustomerValueRow(i + 1, r.CustomerId, names[r.CustomerId].CustomerNumber, names[r.CustomerId].FullName,
            r.Divisions, r.Account, r.Layby, r.First, r.Last)).ToList();
    }
}
