using System.Security.Claims;
using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Exports;

/// <summary>
/// Runs an export to a temporary file for the current user and registers it for download. Exports are for credit
/// managers, accountants and admins (DOMAIN.md §1); the services that stream the rows check their own roles too.
/// </summary>
public sealed class TabularExporter(ICurrentUser currentUser, ExportFiles files, IEnumerable<ITableWriter> writers)
{
    public const string Roles = Domain.Common.Roles.Accountant + "," + Domain.Common.Roles.CreditManager + "," + Domain.Common.Roles.Admin;

    private static readonly string[] Exporters = Roles.Split(',');

    public async Task<ExportFile> ExportAsync(
        ITabularExport export, ExportFormat format, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Exporters);
        var writer = writers.Single(w => w.Format == format);
        var file = files.Create(ExportValues.FileName(export, writer), writer.ContentType,
            currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first."));
        try
        {
            await using var stream = new FileStream(file.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var rows = await writer.WriteAsync(export, stream, progress, cancellationToken);
            return file with { Rows = rows };
        }
        catch
        {
            files.Discard(file);
            throw;
        }
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

    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ITableWriter, XlsxTableWriter>();
        services.AddSingleton<ITableWriter, PdfTableWriter>();
        services.AddSingleton<TabularExporter>();
        return services;
    }
}
