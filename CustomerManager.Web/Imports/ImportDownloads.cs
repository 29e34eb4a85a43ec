using CustomerManager.Domain.Common;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Imports;

/// <summary>Hands out the import template and annotated workbooks like any export: a token at /exports/{token}, for this user.</summary>
public sealed class ImportDownloads(ExportFiles files, ICurrentUser currentUser)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Task<ExportFile> OfferAsync(string fileName, byte[] content) =>
        files.WriteAsync(fileName, XlsxType, currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first."), async stream =>
        {
            await stream.WriteAsync(content);
            return 0;
        });
}
