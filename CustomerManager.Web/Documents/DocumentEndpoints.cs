using CustomerManager.Domain.Accounts;
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
        // Layby and account payments share a division's receipt counter: a number is one or the other.
        endpoints.MapGet("/receipts/{number}.pdf", async (
            string number, LaybyService laybys, AccountLedgerService ledger, IReceiptRenderer laybyReceipts,
            IAccountReceiptRenderer accountReceipts, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.File(laybyReceipts.Render(await laybys.ReceiptAsync(number, cancellationToken)), "application/pdf");
            }
            catch (DomainException)
            {
                // Not a layby receipt: try the account ledger.
            }

            try
            {
                return Results.File(accountReceipts.Render(await ledger.ReceiptAsync(number, cancellationToken)), "application/pdf");
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization();
    }
}
