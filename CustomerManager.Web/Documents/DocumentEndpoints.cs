using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Documents;

internal static class DocumentEndpoints
{
    /// <summary>
    /// /receipts/RCT-CLO-000001.pdf: the receipt as a PDF that opens in the browser (inline) and can be printed.
    /// The layby service checks the role; a missing receipt is a 404.
    /// </summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/receipts/{number}.pdf", async (string number, LaybyService laybys, IReceiptRenderer renderer, CancellationToken cancellationToken) =>
        {
            try
            {
                var receipt = await laybys.ReceiptAsync(number, cancellationToken);
                return Results.File(renderer.Render(receipt), "application/pdf", fileDownloadName: null);
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization();
    }
}
