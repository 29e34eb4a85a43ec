using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

/// <summary>What a set of customers owes, summed in SQL for roll-ups (institutions, workloads).</summary>
public sealed record CustomerOwing(int CustomerId, decimal Balance, decimal Overdue);

/// <summary>
/// Balances and overdue amounts of many customers at once, read in a few grouped queries. Overdue is what the ledger
/// calls open charges past their due date (<see cref="AccountLedger.OpenCharges"/>): unreversed charges due before
/// today less what was allocated to them by payments that were not reversed. Only accounts in
/// <paramref name="divisions"/> count (null: all).
/// </summary>
public static class CustomerMoney
{
    public static async Task<Dictionary<int, CustomerOwing>> OwingAsync(
        ICustomerDb db, IQueryable<int> customerIds, DateOnly today, IReadOnlySet<int>? divisions, CancellationToken cancellationToken)
    {
        var accounts = db.DivisionAccounts.Where(a => customerIds.Contains(a.CustomerId) && (divisions == null || divisions.Contains(a.DivisionId)));
        var balances = await accounts.GroupBy(a => a.CustomerId).Select(g => new { g.Key, Balance = g.Sum(a => a.Balance) })
            .ToListAsync(cancellationToken);
        var overdueCharges = from a in accounts
                             join e in db.AccountEntries on a.Id equals e.DivisionAccountId
                             where e.Amount > 0 && e.Kind != AccountEntryKind.Reversal && e.DueDate != null && e.DueDate < today
                                   && !db.AccountEntries.Any(r => r.ReversalOfId == e.Id)
                             select new { a.CustomerId, e.Id, e.Amount };
        var charged = await overdueCharges.GroupBy(c => c.CustomerId).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        var allocated = await (from c in overdueCharges
                               join p in db.PaymentAllocations on c.Id equals p.ChargeEntryId
                               where !db.AccountEntries.Any(r => r.ReversalOfId == p.PaymentEntryId)
                               group p by c.CustomerId into g
                               select new { g.Key, Amount = g.Sum(p => p.Amount) })
            .ToListAsync(cancellationToken);
        var paid = allocated.ToDictionary(a => a.Key, a => a.Amount);
        var overdue = charged.ToDictionary(c => c.Key, c => c.Amount - paid.GetValueOrDefault(c.Key));
        return balances.ToDictionary(b => b.Key, b => new CustomerOwing(b.Key, b.Balance, Math.Max(0, overdue.GetValueOrDefault(b.Key))));
    }
}
