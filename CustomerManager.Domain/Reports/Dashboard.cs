using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// The dashboard's key figures and chart series, each the same figure its report shows: receivable and overdue from
/// today's aging, laybys from the layby status report, collections and division performance from the payments.
/// Total receivable is what the accounts owe net: the aging total (open charges) less unallocated credit (payments
/// not yet matched to a charge), both shown beside it so the two figures explain each other.
/// </summary>
public sealed record DashboardFigures(
    DateOnly Today,
    decimal TotalReceivable,
    decimal AgingTotal,
    decimal UnallocatedCredit,
    decimal Overdue60Plus,
    int ActiveLaybys,
    decimal ActiveLaybyBalance,
    decimal CollectedThisMonth,
    decimal CollectedLastMonth,
    AgingBalances Aging,
    IReadOnlyList<CollectionRow> CollectionsByDay,
    IReadOnlyList<LaybyStatusCount> LaybysByStatus,
    IReadOnlyList<DivisionMonthRow> DivisionsThisMonth);

public sealed partial class ReportService
{
    /// <summary>Days of collections the dashboard's chart shows, ending today.</summary>
    public const int DashboardDays = 30;

    public async Task<DashboardFigures> DashboardAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var today = Today();
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var aging = await statements.AgingReportAsync(today, null, cancellationToken);
        var laybys = await LaybyStatusAsync(null, cancellationToken);
        var lastMonthStart = monthStart.AddMonths(-1);
        var firstDay = lastMonthStart < today.AddDays(1 - DashboardDays) ? lastMonthStart : today.AddDays(1 - DashboardDays);
        List<PaymentFact> facts;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            // Money received: refunds paid out are the cash-up's business, not the dashboard's "collected".
            facts = (await PaymentFactsAsync(db, firstDay, today, null, cancellationToken)).Where(f => !f.IsRefund).ToList();
        }

        var chartStart = today.AddDays(1 - DashboardDays);
        var byDay = Enumerable.Range(0, DashboardDays).Select(i => chartStart.AddDays(i))
            .Select(day => Collected(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day, facts.Where(f => f.Day == day).ToList()))
            .ToList();
        var active = laybys.ByStatus.Where(s => s.Status is LaybyStatus.Active or LaybyStatus.OnHold).ToList();
        return new DashboardFigures(
            today,
            aging.Overall.Balance,
            aging.Overall.Buckets.Total,
            aging.Overall.Credit,
            aging.Overall.Buckets.Days61To90 + aging.Overall.Buckets.Over90,
            active.Sum(s => s.Count),
            active.Sum(s => s.Balance),
            facts.Where(f => f.Day >= monthStart).Sum(f => f.Amount),
            facts.Where(f => f.Day >= lastMonthStart && f.Day < monthStart).Sum(f => f.Amount),
            aging.Overall.Buckets,
            byDay,
            laybys.ByStatus,
            await DivisionPerformanceAsync(monthStart, monthStart, null, cancellationToken));
    }
}
