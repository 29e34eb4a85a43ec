using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Reports;

namespace CustomerManager.Web.Exports;

/// <summary>
/// Makes the month-end workbook of a month for the current user (their divisions only, checked by the report service)
/// and registers it for download like any export: <c>/exports/{token}</c>, for this user, for 15 minutes.
/// </summary>
public sealed class MonthEndExporter(
    ReportService reports, ExportFiles files, ICurrentUser currentUser, ICustomerDbFactory dbFactory, BusinessDefaults businessDefaults)
{
    public async Task<ExportFile> ExportAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        var pack = await reports.MonthEndPackAsync(year, month, cancellationToken);
        var currency = (await businessDefaults.GetAsync(dbFactory, cancellationToken)).Currency;
        return await files.WriteAsync(MonthEndWorkbook.FileName(pack.Month), MonthEndWorkbook.ContentType,
            currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first."),
            stream =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                MonthEndWorkbook.Write(pack, currency, stream);
                return Task.FromResult(0); // a workbook of summaries, not a table export: no row count to report
            });
    }
}
