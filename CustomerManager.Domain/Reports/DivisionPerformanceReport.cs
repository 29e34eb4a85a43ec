using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// A division's month: sales on account posted, account payments, layby deposits and layby payments received (net of
/// reversals), and new customers (division accounts opened).
/// </summary>
public sealed record DivisionMonthRow(
    DateOnly Month, int DivisionId, string Division, decimal SalesOnAccount, decimal AccountPayments, decimal LaybyDeposits,
    decimal LaybyPayments, int NewCustomers)
{
    public decimal Collected => AccountPayments + LaybyDeposits + LaybyPayments;
}

public sealed partial class ReportService
{
    /// <summary>Each division's figures for each month from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (inclusive).</summary>
    public async Task<IReadOnlyList<DivisionMonthRow>> DivisionPerformanceAsync(
        DateOnly fromMonth, DateOnly toMonth, int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        var firstDay = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var lastDay = new DateOnly(toMonth.Year, toMonth.Month, 1).AddMonths(1).AddDays(-1);
        CheckRange(firstDay, lastDay);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var facts = await PaymentFactsAsync(db, firstDay, lastDay, divisionId, cancellationToken);
        var sales = await (from e in db.AccountEntries
                           join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                           where e.Kind == AccountEntryKind.SaleOnAccount && e.PostingDate >= firstDay && e.PostingDate <= lastDay
                                 && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                           group e by new { e.PostingDate, a.DivisionId } into g
                           select new { g.Key.PostingDate, g.Key.DivisionId, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var fromUtc = clock.StartOfDayUtc(firstDay);
        var beforeUtc = clock.StartOfDayUtc(lastDay.AddDays(1));
        var opened = (await db.DivisionAccounts.AsNoTracking()
            .Where(a => a.OpenedAtUtc >= fromUtc && a.OpenedAtUtc < beforeUtc && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId)))
            .GroupBy(a => new { a.OpenedAtUtc.Date, a.OpenedAtUtc.Hour, a.DivisionId })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.DivisionId, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(o => new { Day = clock.LocalDate(o.Date.AddHours(o.Hour)), o.DivisionId, o.Count }).ToList();
        var divisions = await db.Divisions.AsNoTracking().Where(d => (divisionId == null || d.Id == divisionId) && (Mine == null || Mine.Contains(d.Id)))
            .OrderBy(d => d.Name).ToListAsync(cancellationToken);

        static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
        var rows = new List<DivisionMonthRow>();
        for (var month = firstDay; month <= lastDay; month = month.AddMonths(1))
        {
            foreach (var d in divisions)
            {
                var paid = facts.Where(f => f.DivisionId == d.Id && MonthOf(f.Day) == month).ToList();
                rows.Add(new DivisionMonthRow(month, d.Id, d.Name,
                    sales.Where(s => s.DivisionId == d.Id && MonthOf(s.PostingDate) == month).Sum(s => s.Amount),
                    paid.Where(f => f.Source == PaymentSource.AccountPayment).Sum(f => f.Amount),
                    paid.Where(f => f.Source == PaymentSource.LaybyDeposit).Sum(f => f.Amount),
                    paid.Where(f => f.Source == PaymentSource.LaybyPayment).Sum(f => f.Amount),
                    opened.Where(o => o.DivisionId == d.Id && MonthOf(o.Day) == month).Sum(o => o.Count)));
            }
        }

        return rows;
    }
}
