using System.IO.Compression;
using System.Text;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Privacy;
using CustomerManager.Web.Documents;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Privacy;

/// <summary>
/// A privacy export as one zip (<c>privacy-UCST-000042-2026-11-30.zip</c>: the JSON and its readable PDF), handed out
/// like every export: a temporary file behind a token at /exports/{token}, for the admin who made it, for 15 minutes.
/// </summary>
public sealed class PrivacyExportFiles(PrivacyService privacy, PrivacyExportPdf pdf, ExportFiles files, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<ExportFile> ExportAsync(int customerId, CancellationToken cancellationToken = default)
    {
        var export = await privacy.ExportAsync(customerId, cancellationToken);
        var userId = currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first.");
        var name = $"privacy-{export.CustomerNumber}-{clock.LocalDate(export.ExportedAtUtc):yyyy-MM-dd}";
        return await files.WriteAsync(name + ".zip", "application/zip", userId, stream =>
        {
            WriteZip(export, pdf, stream, name);
            return Task.FromResult(export.Records.Tables().Sum(t => t.Rows.Count));
        });
    }

    public static void WriteZip(PrivacyExport export, PrivacyExportPdf pdf, Stream stream, string name)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var json = zip.CreateEntry(name + ".json", CompressionLevel.Optimal).Open())
        {
            json.Write(Encoding.UTF8.GetBytes(export.Json));
        }

        using var document = zip.CreateEntry(name + ".pdf", CompressionLevel.Optimal).Open();
        using var buffer = new MemoryStream();
        pdf.Write(export, buffer);
        buffer.Position = 0;
        buffer.CopyTo(document);
    }
}
