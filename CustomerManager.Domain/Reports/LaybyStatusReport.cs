using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

public enum LaybyReportView
{
    Overdue,
    DueThisWeek,
    CompletedThisMonth,
    Active,
}

public sealed record LaybyStatusCount(LaybyStatus Status, int Count, decimal Total, decimal Balance);

/// <summary>
/// Laybys by status and the three lists people chase: overdue (with the balance of those laybys and the amount overdue
/// on them, i.e. their missed instalments), due this week, completed this month.
/// </summary>
public sealed record LaybyStatusReport(
    IReadOnlyList<LaybyStatusCount> ByStatus, int Overdue, decimal OverdueBalance, decimal OverdueAmount, int DueThisWeek, decimal DueThisWeekBalance,
    int CompletedThisMonth, decimal CompletedThisMonthTotal);

/// <summary>A layby of one of the report's lists. Paid is money received net of reversed payments.</summary>
public sealed record LaybyReportRow(
    int Id, string LaybyNumber, int CustomerId, string CustomerNumber, string CustomerName, string Division, LaybyStatus Status,
    DateOnly OpenedOn, DateOnly CompletionDate, decimal Total, decimal Paid, decimal Balance, DateOnly? NextDue, decimal Overdue, DateTime? CompletedAtUtc);

public sealed partial class ReportService
{
    public async Task<LaybyStatusReport> LaybyStatusAsync(int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var laybys = Laybys(db, divisionId);
        var byStatus = (await laybys.GroupBy(l => l.Status)
                .Select(g => new LaybyStatusCount(g.Key, g.Count(), g.Sum(l => l.Total), g.Sum(l => l.Balance)))
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.Status);
        var today = Today();
        var overdue = LaybyService.Overdue(laybys, today);
        var dueThisWeek = LaybyService.DueWithinAWeek(laybys, today);
        var completed = CompletedThisMonth(laybys, today);
        return new LaybyStatusReport(
            Enum.GetValues<LaybyStatus>().Select(s => byStatus.GetValueOrDefault(s) ?? new LaybyStatusCount(s, 0, 0, 0)).ToList(),
            await overdue.CountAsync(cancellationToken), await overdue.SumAsync(l => l.Balance, cancellationToken),
            await LaybyService.Standings(overdue, today).SumAsync(s => s.Overdue, cancellationToken),
            await dueThisWeek.CountAsync(cancellationToken), await dueThisWeek.SumAsync(l => l.Balance, cancellationToken),
            await completed.CountAsync(cancellationToken), await completed.SumAsync(l => l.Total, cancellationToken));
    }

    /// <summary>The laybys of one list, by layby number (the lists are short enough to show whole).</summary>
    public async Task<IReadOnlyList<LaybyReportRow>> LaybyListAsync(int? divisionId, LaybyReportView view, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var today = Today();
        var laybys = Laybys(db, divisionId);
        laybys = view switch
        {
            LaybyReportView.Overdue => LaybyService.Overdue(laybys, today),
            LaybyReportView.DueThisWeek => LaybyService.DueWithinAWeek(laybys, today),
            LaybyReportView.CompletedThisMonth => CompletedThisMonth(laybys, today),
            _ => laybys.Where(l => l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold),
        };
        var rows = await (from s in LaybyService.Standings(laybys, today)
                          let l = s.Layby
                          join c in db.Customers on l.CustomerId equals c.Id
                          join d in db.Divisions on l.DivisionId equals d.Id
                          orderby l.LaybyNumber
                          select new
                          {
                              l.Id,
                              l.LaybyNumber,
                              l.CustomerId,
                              c.CustomerNumber,
                              c.FullName,
                              Division = d.Name,
                              l.Status,
                              l.OpenedOn,
                              l.CompletionDate,
                              l.Total,
                              l.Balance,
                              l.CompletedAtUtc,
                              Received = l.Entries.Where(e => e.Kind == LaybyEntryKind.Deposit || e.Kind == LaybyEntryKind.Payment
                                  || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment)).Sum(e => e.Amount),
                              s.NextDue,
                              s.Overdue,
                          })
            .ToListAsync(cancellationToken);
        // Payments are stored negative (they reduce what is owed): paid is the sum turned round.
        return rows.Select(r => new LaybyReportRow(r.Id, r.LaybyNumber, r.CustomerId, r.CustomerNumber, r.FullName, r.Division, r.Status,
            r.OpenedOn, r.CompletionDate, r.Total, -r.Received, r.Balance, r.NextDue, r.Overdue, r.CompletedAtUtc)).ToList();
    }

    private IQueryable<Layby> Laybys(ICustomerDb db, int? divisionId) =>
        db.Laybys.AsNoTracking().Where(l => (divisionId == null || l.DivisionId == divisionId) && (Mine == null || Mine.Contains(l.DivisionId)));

    private IQueryable<Layby> CompletedThisMonth(IQueryable<Layby> laybys, DateOnly today)
    {
        var monthStart = clock.StartOfDayUtc(new DateOnly(today.Year, today.Month, 1));
        return laybys.Where(l => l.Status == LaybyStatus.Completed && l.CompletedAtUtc >= monthStart);
    }
}
