using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;

namespace CustomerManager.Web.Exports;

/// <summary>
/// Runs an export to a temporary file for the current user and registers it for download. Exports are for credit
/// managers, accountants and admins (DOMAIN.md §1); the services that stream the rows check their own roles too.
/// Money is shown in the business currency unless the export names one.
/// </summary>
public sealed class TabularExporter(
    ICurrentUser currentUser, ExportFiles files, IEnumerable<ITableWriter> writers, BusinessTime clock,
    ICustomerDbFactory? dbFactory = null, BusinessDefaults? businessDefaults = null)
{
    public const string Roles = Domain.Common.Roles.Accountant + "," + Domain.Common.Roles.CreditManager + "," + Domain.Common.Roles.Admin;

    private static readonly string[] Exporters = Roles.Split(',');

    public async Task<ExportFile> ExportAsync(
        ITabularExport export, ExportFormat format, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Exporters);
        var writer = writers.Single(w => w.Format == format);
        if (export.Currency is null && await BusinessCurrencyAsync(cancellationToken) is { } currency)
        {
            export = new InCurrency(export, currency);
        }

        if (export.Columns.Any(c => c.IncludesTime))
        {
            export = new InBusinessTime(export, clock);
        }

        var today = clock.Today;
        return await files.WriteAsync(ExportValues.FileName(export, writer, today), writer.ContentType,
            currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first."),
            stream => writer.WriteAsync(export, stream, progress, cancellationToken));
    }

    private async Task<string?> BusinessCurrencyAsync(CancellationToken cancellationToken)
    {
        if (dbFactory is null || businessDefaults is null)
        {
            return null;
        }

        return (await businessDefaults.GetAsync(dbFactory, cancellationToken)).Currency;
    }

    /// <summary>Times (stored UTC) written as the business's local time, as the pages show them.</summary>
    private sealed class InBusinessTime(ITabularExport inner, BusinessTime time) : ITabularExport
    {
        public string Title => inner.Title;

        public string FileStem => inner.FileStem;

        public DateOnly? FileDate => inner.FileDate;

        public string? Currency => inner.Currency;

        public IReadOnlyList<ExportFilter> Filters => inner.Filters;

        public IReadOnlyList<ExportColumn> Columns => inner.Columns;

        public int? ExpectedRows => inner.ExpectedRows;

        public async IAsyncEnumerable<object?[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var times = Columns.Select((c, i) => (c, i)).Where(x => x.c.IncludesTime).Select(x => x.i).ToArray();
            await foreach (var row in inner.RowsAsync(cancellationToken))
            {
                foreach (var i in times)
                {
                    if (row[i] is DateTime utc)
                    {
                        row[i] = time.ToLocal(utc);
                    }
                }

                yield return row;
            }
        }
    }

    private sealed class InCurrency(ITabularExport inner, string currency) : ITabularExport
    {
        public string Title => inner.Title;

        public string FileStem => inner.FileStem;

        public DateOnly? FileDate => inner.FileDate;

        public string? Currency => currency;

        public IReadOnlyList<ExportFilter> Filters => inner.Filters;

        public IReadOnlyList<ExportColumn> Columns => inner.Columns;

        public int? ExpectedRows => inner.ExpectedRows;

        public IAsyncEnumerable<object?[]> RowsAsync(CancellationToken cancellationToken) => inner.RowsAsync(cancellationToken);
    }
}

public static class ExportEndpoints
{
    /// <summary>
    /// /exports/{token}: a finished export as a download, for the user who made it while the token lives (else 404).
    /// </summary>
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports/{token}", (string token, ClaimsPrincipal user, ExportFiles files) =>
            files.Find(token, user.FindFirstValue(ClaimTypes.NameIdentifier)) is { } file
                ? Results.File(file.Path, file.ContentType, file.FileName)
                : Results.NotFound())
            .RequireAuthorization();
    }

    /// <summary>
    /// Export files go to <c>Exports:Folder</c>, by default "exports" in the app's data folder; <c>Exports:Shared</c>
    /// when several web nodes share that folder (a download then works on any node).
    /// </summary>
    public static IServiceCollection AddExports(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton(sp => new ExportFiles(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IConfiguration>()["Exports:Folder"] is { Length: > 0 } folder
                ? Path.GetFullPath(folder, dataFolder)
                : Path.Combine(dataFolder, "exports"),
            sp.GetRequiredService<IConfiguration>().GetValue("Exports:Shared", false)));
        services.AddSingleton<ITableWriter, XlsxTableWriter>();
        services.AddSingleton<ITableWriter, PdfTableWriter>();
        services.AddSingleton<TabularExporter>();
        services.AddScoped<MonthEndExporter>();
        return services;
    }
}
