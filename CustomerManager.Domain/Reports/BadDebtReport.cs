using CustomerManager.Domain.Common;
using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// Bad debt of one account in a period: written off, recovered by later payments (each net of reversals, counted on the
/// day of the entry or its reversal), and the loss that is left.
/// </summary>
public sealed record BadDebtRow(
    int CustomerId, string CustomerNumber, string CustomerName, string AccountNumber, string Division, decimal WrittenOff, decimal Recovered)
{
    public decimal NetLoss => WrittenOff - Recovered;
}

public sealed partial class ReportService
{
    /// <summary>Write-offs and recoveries from <paramref name="firstDay"/> to <paramref name="lastDay"/> (inclusive), by account, largest loss first.</summary>
    public async Task<IReadOnlyList<BadDebtRow>> BadDebtAsync(DateOnly firstDay, DateOnly lastDay, int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        CheckRange(firstDay, lastDay);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        // A reversal counts against the kind it reverses: a reversed write-off is no longer written off.
        var kinds = new[] { AccountEntryKind.WriteOff, AccountEntryKind.Recovery };
        var facts = await (from e in db.AccountEntries
                           join original in db.AccountEntries on e.ReversalOfId equals original.Id into reversed
                           from o in reversed.DefaultIfEmpty()
                           join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                           where e.PostingDate >= firstDay && e.PostingDate <= lastDay
                                 && (kinds.Contains(e.Kind) || (e.Kind == AccountEntryKind.Reversal && kinds.Contains(o.Kind)))
                                 && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                           group e by new { e.DivisionAccountId, Kind = e.Kind == AccountEntryKind.Reversal ? o.Kind : e.Kind } into g
                           select new { g.Key.DivisionAccountId, g.Key.Kind, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var accountIds = facts.Select(f => f.DivisionAccountId).Distinct().ToList();
        var accounts = await (from a in db.DivisionAccounts
                              join c in db.Customers on a.CustomerId equals c.Id
                              join d in db.Divisions on a.DivisionId equals d.Id
                              where accountIds.Contains(a.Id)
                              select new { a.Id, CustomerId = c.Id, c.CustomerNumber, c.FullName, a.AccountNumber, Division = d.Name })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return facts.GroupBy(f => f.DivisionAccountId)
            .Select(g =>
            {
                var a = accounts[g.Key];
                // Write-offs are stored negative (they reduce what is owed); recoveries positive.
                return new BadDebtRow(a.CustomerId, a.CustomerNumber, a.FullName, a.AccountNumber, a.Division,
                    -g.Where(f => f.Kind == AccountEntryKind.WriteOff).Sum(f => f.Amount),
                    g.Where(f => f.Kind == AccountEntryKind.Recovery).Sum(f => f.Amount));
            })
            .Where(r => r.WrittenOff != 0 || r.Recovered != 0)
            .OrderByDescending(r => r.NetLoss).ThenBy(r => r.AccountNumber, StringComparer.Ordinal)
            .ToList();
    }
}
