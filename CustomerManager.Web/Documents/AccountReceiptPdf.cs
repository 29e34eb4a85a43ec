using CustomerManager.Domain.Common;
using System.Globalization;
using CustomerManager.Domain.Accounts;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Documents;

/// <summary>The seam for account payment receipts (as <see cref="IReceiptRenderer"/> is for laybys).</summary>
public interface IAccountReceiptRenderer
{
    byte[] Render(AccountPaymentReceipt receipt);
}

/// <summary>An account payment receipt on A4: who paid what, how, what it settled and the balance it left.</summary>
public sealed class AccountReceiptPdf(BusinessTime time) : IAccountReceiptRenderer
{
    private const double Margin = PdfPageWriter.Margin;

    public byte[] Render(AccountPaymentReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        PdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Info.Title = $"{receipt.Title} {receipt.ReceiptNumber}";
        document.Info.Subject = receipt.IsRefund ? $"Refund from account {receipt.AccountNumber}" : $"Payment to account {receipt.AccountNumber}";
        document.Info.Author = receipt.BusinessName;

        var page = new PdfPageWriter(document, new PdfFontSet(10), labelWidth: 130);
        page.Text(receipt.BusinessName, page.Fonts.Title, Margin, page.Y);
        page.Text(receipt.DivisionName, page.Fonts.Normal, Margin, page.Y + 22, PdfPageWriter.Muted);
        page.TextRight($"{receipt.Title} {receipt.ReceiptNumber}", page.Fonts.Heading, page.Right, page.Y);
        page.TextRight(time.Timestamp(receipt.PaidAtUtc), page.Fonts.Normal, page.Right, page.Y + 22);
        page.Y += 48;
        page.HorizontalRule();
        page.Field("Customer", $"{receipt.CustomerNumber} {receipt.CustomerName}");
        page.Field("Account", receipt.AccountNumber);
        page.Gap();
        page.Heading(receipt.IsRefund ? "Refund" : "Payment");
        page.Field(receipt.IsRefund ? "Amount refunded" : "Amount paid", Money(receipt, receipt.Amount), bold: true);
        page.Field(receipt.IsRefund ? "Paid back by" : "Method", receipt.Method);
        if (receipt.Reason is { } reason)
        {
            page.Field("Reason", reason);
        }

        if (receipt.Reference is { } reference)
        {
            page.Field("Reference", reference);
        }

        if (receipt.Note is { } note)
        {
            page.Field("Note", note);
        }

        page.Field("Balance after", Money(receipt, receipt.BalanceAfter), bold: true);
        if (receipt.IsRefund)
        {
            page.Gap();
            page.Text("Credit the customer held on the account, paid back to them.", page.Fonts.Normal, Margin, page.Y, PdfPageWriter.Muted);
            page.Y += 16;
        }
        else
        {
            page.Gap();
            page.Heading("Settled");
        }

        foreach (var settled in receipt.Settled)
        {
            page.Field(settled.Reference, $"{Money(receipt, settled.Amount)}{(settled.DueDate is { } due ? $" (due {due:yyyy-MM-dd})" : "")}");
        }

        if (receipt.KeptAsCredit > 0)
        {
            page.Field("Kept as credit", Money(receipt, receipt.KeptAsCredit));
        }

        page.Gap();
        page.HorizontalRule();
        page.Field(receipt.IsRefund ? "Paid out by" : "Taken by", receipt.TakenBy);
        page.Close();

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Money(AccountPaymentReceipt receipt, decimal amount) => LaybyReceiptPdf.Money(receipt.Currency, amount);
}
