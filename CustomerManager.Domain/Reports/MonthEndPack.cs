using CustomerManager.Domain.Common;
using CustomerManager.Domain.Statements;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// The figures of an accountant's month-end workbook, for the divisions the user may see: aging at the month's last
/// day by division, collections of the month by day and by method, the month's division performance, and the credit
/// outstanding and layby status at the moment the pack is made (they have no history to take them at a past date).
/// </summary>
public sealed record MonthEndPack(
    DateOnly Month,
    DateOnly AsOf,
    DateTime MadeAtLocal,
    IReadOnlyList<string> Divisions,
    AgingReport Aging,
    IReadOnlyList<CollectionRow> CollectionsByDay,
    IReadOnlyList<CollectionRow> CollectionsByMethod,
    IReadOnlyList<DivisionMonthRow> Performance,
    CreditOutstandingReport Credit,
    LaybyStatusReport Laybys);

public sealed partial class ReportService
{
    /// <summary>The month-end pack of a month that has started (not a future one).</summary>
    public async Task<MonthEndPack> MonthEndPackAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        if (year is < 2000 or > 9999 || month is < 1 or > 12)
        {
            throw new DomainException("Choose a month between January 2000 and this month.", "Month");
        }

        var first = new DateOnly(year, month, 1);
        var today = Today();
        if (first > today)
        {
            throw new DomainException($"{first:MMMM yyyy} has not started yet: choose this month or an earlier one.", "Month");
        }

        var last = first.AddMonths(1).AddDays(-1);
        var asOf = last < today ? last : today;
        List<string> divisions;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            var mine = Mine;
            divisions = await db.Divisions.AsNoTracking()
                .Where(d => mine == null || mine.Contains(d.Id))
                .OrderBy(d => d.Name)
                .Select(d => d.Name)
                .ToListAsync(cancellationToken);
        }

        return new MonthEndPack(
            first,
            asOf,
            clock.ToLocal(clock.UtcNow),
            divisions,
            await statements.AgingReportAsync(asOf, null, cancellationToken),
            await CollectionsAsync(first, asOf, null, CollectionGrouping.Day, cancellationToken),
            await CollectionsAsync(first, asOf, null, CollectionGrouping.Method, cancellationToken),
            await DivisionPerformanceAsync(first, first, null, cancellationToken),
            await CreditOutstandingAsync(null, overLimitOnly: false, cancellationToken),
            await LaybyStatusAsync(null, cancellationToken));
    }
}
