using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Documents;

internal static class DocumentEndpoints
{
    /// <summary>
    /// /receipts/RCT-CLO-000001.pdf (or a refund advice, RFD-CLO-000001.pdf): the receipt as a PDF that opens in the browser (inline) and can be printed.
    /// The services check the role and the division: a refusal is a 403, an unknown number a 404.
    /// </summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Layby and account payments share a division's receipt counter: a number is one or the other.
        endpoints.MapGet("/receipts/{number}.pdf", (
            string number, LaybyService laybys, AccountLedgerService ledger, IReceiptRenderer laybyReceipts,
            IAccountReceiptRenderer accountReceipts, CancellationToken cancellationToken) =>
            DocumentResults.ServeAsync(async () => Results.File(
                await RenderReceiptAsync(number, laybys, ledger, laybyReceipts, accountReceipts, cancellationToken), "application/pdf")))
            .RequireAuthorization();
    }

    /// <summary>A receipt or refund advice as a PDF, whichever ledger holds the number (also for e-mailed receipts).</summary>
    public static async Task<byte[]> RenderReceiptAsync(
        string number, LaybyService laybys, AccountLedgerService ledger, IReceiptRenderer laybyReceipts,
        IAccountReceiptRenderer accountReceipts, CancellationToken cancellationToken)
    {
        // A refund advice is only ever on an account ledger (and accountants may read it, not layby receipts).
        if (number.StartsWith(AccountLedgerService.RefundPrefix + "-", StringComparison.OrdinalIgnoreCase))
        {
            return accountReceipts.Render(await ledger.ReceiptAsync(number, cancellationToken));
        }

        try
        {
            return laybyReceipts.Render(await laybys.ReceiptAsync(number, cancellationToken));
        }
        catch (NotFoundException)
        {
            // Not a layby receipt: try the account ledger.
        }

        return accountReceipts.Render(await ledger.ReceiptAsync(number, cancellationToken));
    }
}
