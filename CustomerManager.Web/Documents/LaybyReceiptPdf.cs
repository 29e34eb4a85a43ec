using CustomerManager.Domain.Common;
using System.Globalization;
using CustomerManager.Domain.Laybys;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Documents;

/// <summary>
/// The layby payment receipt on A4 with PDFsharp: header with business, division, receipt number and time; customer
/// and layby; the payment and what it leaves owing; the instalment schedule; who took the payment. A long schedule
/// continues on further pages with its header repeated.
/// </summary>
public sealed class LaybyReceiptPdf(BusinessTime time) : IReceiptRenderer
{
    private const double Margin = PdfPageWriter.Margin;
    private const double LineHeight = PdfPageWriter.LineHeight;
    private const double RowHeight = 16;

    private static readonly XBrush Muted = PdfPageWriter.Muted;

    private static readonly ScheduleLayout Columns = new(
        Number: Margin,
        DueDate: Margin + 40,
        AmountRight: Margin + 250,
        PaidRight: Margin + 370,
        Status: Margin + 390);

    public byte[] Render(LaybyReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        PdfSetup.EnsureInitialised();

        using var document = new PdfDocument();
        document.Info.Title = $"Receipt {receipt.ReceiptNumber}";
        document.Info.Subject = $"Layby {receipt.LaybyNumber} payment receipt";
        document.Info.Author = receipt.BusinessName;

        var page = new PdfPageWriter(document, new PdfFontSet(10), labelWidth: 130);
        WriteHeader(page, receipt);
        WriteCustomerAndLayby(page, receipt);
        WritePayment(page, receipt);
        WriteSchedule(page, receipt);
        WriteFooter(page, receipt);
        page.Close();

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private void WriteHeader(PdfPageWriter page, LaybyReceipt r)
    {
        var top = page.Y;
        page.Text(r.BusinessName, page.Fonts.Title, Margin, top);
        page.Text(r.DivisionName, page.Fonts.Normal, Margin, top + 22, Muted);

        page.TextRight("Receipt", page.Fonts.Title, page.Right, top);
        page.TextRight(r.ReceiptNumber, page.Fonts.Bold, page.Right, top + 22);
        page.TextRight(time.Timestamp(r.PaidAtUtc), page.Fonts.Normal, page.Right, top + 22 + LineHeight);

        page.Y = top + 22 + 2 * LineHeight + 8;
        page.HorizontalRule();
    }

    private static void WriteCustomerAndLayby(PdfPageWriter page, LaybyReceipt r)
    {
        page.Heading("Customer");
        page.Field("Customer number", r.CustomerNumber);
        page.Field("Name", r.CustomerName);
        if (!string.IsNullOrWhiteSpace(r.CustomerPhone))
        {
            page.Field("Phone", r.CustomerPhone);
        }

        page.Gap();
        page.Heading("Layby");
        page.Field("Layby number", r.LaybyNumber);
        page.Field("Status", r.LaybyStatus);
        page.Field("Layby total", Money(r.Currency, r.LaybyTotal));
        page.Field("Fees", Money(r.Currency, r.Fees));
    }

    private static void WritePayment(PdfPageWriter page, LaybyReceipt r)
    {
        page.Gap();
        page.Heading("Payment");
        page.Field("Amount paid", Money(r.Currency, r.Amount), bold: true);
        page.Field("Method", r.Method);
        if (!string.IsNullOrWhiteSpace(r.Reference))
        {
            page.Field("Reference", r.Reference);
        }

        if (!string.IsNullOrWhiteSpace(r.Note))
        {
            page.Field("Note", r.Note);
        }

        page.Field("Total paid", Money(r.Currency, r.TotalPaid));
        page.Field("Balance after", Money(r.Currency, r.BalanceAfter), bold: true);
    }

    private static void WriteSchedule(PdfPageWriter page, LaybyReceipt r)
    {
        if (r.Schedule.Count == 0)
        {
            return;
        }

        page.Gap();
        // Keep the heading with the column titles and the first row.
        page.EnsureRoom(LineHeight + 4 + 3 * RowHeight);
        page.Heading("Schedule");
        WriteScheduleHeader(page);
        foreach (var line in r.Schedule)
        {
            if (page.EnsureRoom(RowHeight))
            {
                page.Heading($"Schedule (continued), receipt {r.ReceiptNumber}");
                WriteScheduleHeader(page);
            }

            var font = page.Fonts.Normal;
            page.Text(line.Number.ToString(CultureInfo.InvariantCulture), font, Columns.Number, page.Y);
            page.Text(line.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), font, Columns.DueDate, page.Y);
            page.TextRight(Money(r.Currency, line.Amount), font, Columns.AmountRight, page.Y);
            page.TextRight(Money(r.Currency, line.Paid), font, Columns.PaidRight, page.Y);
            page.Text(line.Status, font, Columns.Status, page.Y);
            page.Y += RowHeight;
        }
    }

    private static void WriteScheduleHeader(PdfPageWriter page)
    {
        var font = page.Fonts.Bold;
        page.Text("No.", font, Columns.Number, page.Y);
        page.Text("Due date", font, Columns.DueDate, page.Y);
        page.TextRight("Amount", font, Columns.AmountRight, page.Y);
        page.TextRight("Paid", font, Columns.PaidRight, page.Y);
        page.Text("Status", font, Columns.Status, page.Y);
        page.Y += RowHeight;
        page.HorizontalRule(before: -3, after: 3);
    }

    private static void WriteFooter(PdfPageWriter page, LaybyReceipt r)
    {
        page.Gap();
        page.EnsureRoom(2 * LineHeight);
        page.HorizontalRule();
        page.Text($"Taken by {r.TakenBy}", page.Fonts.Normal, Margin, page.Y);
        page.Y += LineHeight;
    }

    /// <summary>"ZAR 1,250.00": two decimals, invariant grouping, currency code first.</summary>
    internal static string Money(string currency, decimal amount) =>
        $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    private sealed record ScheduleLayout(double Number, double DueDate, double AmountRight, double PaidRight, double Status);
}
