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
public sealed class LaybyReceiptPdf : IReceiptRenderer
{
    private const double Margin = 50;
    private const double LineHeight = 15;
    private const double RowHeight = 16;

    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Muted = XBrushes.DimGray;
    private static readonly XPen Rule = new(XColors.Gray, 0.5);

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

        var fonts = new ReceiptFonts();
        var page = new PageWriter(document, fonts);
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

    private static void WriteHeader(PageWriter page, LaybyReceipt r)
    {
        var top = page.Y;
        page.Text(r.BusinessName, page.Fonts.Title, Margin, top);
        page.Text(r.DivisionName, page.Fonts.Normal, Margin, top + 22, Muted);

        page.TextRight("Receipt", page.Fonts.Title, page.Right, top);
        page.TextRight(r.ReceiptNumber, page.Fonts.Bold, page.Right, top + 22);
        page.TextRight($"{Timestamp(r.PaidAtUtc)} UTC", page.Fonts.Normal, page.Right, top + 22 + LineHeight);

        page.Y = top + 22 + 2 * LineHeight + 8;
        page.HorizontalRule();
    }

    private static void WriteCustomerAndLayby(PageWriter page, LaybyReceipt r)
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

    private static void WritePayment(PageWriter page, LaybyReceipt r)
    {
        page.Gap();
        page.Heading("Payment");
        page.Field("Amount paid", Money(r.Currency, r.Amount), bold: true);
        page.Field("Method", r.Method);
        if (!string.IsNullOrWhiteSpace(r.Reference))
        {
            page.Field("Reference", r.Reference);
        }

        page.Field("Total paid", Money(r.Currency, r.TotalPaid));
        page.Field("Balance after", Money(r.Currency, r.BalanceAfter), bold: true);
    }

    private static void WriteSchedule(PageWriter page, LaybyReceipt r)
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

    private static void WriteScheduleHeader(PageWriter page)
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

    private static void WriteFooter(PageWriter page, LaybyReceipt r)
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

    internal static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private sealed record ScheduleLayout(double Number, double DueDate, double AmountRight, double PaidRight, double Status);

    private sealed class ReceiptFonts
    {
        public XFont Title { get; } = new(PdfFonts.FamilyName, 16, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(PdfFonts.FamilyName, 11, XFontStyleEx.Bold);
        public XFont Normal { get; } = new(PdfFonts.FamilyName, 10, XFontStyleEx.Regular);
        public XFont Bold { get; } = new(PdfFonts.FamilyName, 10, XFontStyleEx.Bold);
    }

    /// <summary>A top-down cursor over the document's pages: adds an A4 page when the next block does not fit.</summary>
    private sealed class PageWriter
    {
        private const double LabelWidth = 130;
        private readonly PdfDocument document;
        private XGraphics graphics;
        private double pageHeight;

        public PageWriter(PdfDocument document, ReceiptFonts fonts)
        {
            this.document = document;
            Fonts = fonts;
            graphics = NewPage();
        }

        public ReceiptFonts Fonts { get; }
        public double Y { get; set; }
        public double Right { get; private set; }

        /// <summary>Starts a new page when <paramref name="height"/> does not fit; true if it did.</summary>
        public bool EnsureRoom(double height)
        {
            if (Y + height <= pageHeight - Margin)
            {
                return false;
            }

            graphics.Dispose();
            graphics = NewPage();
            return true;
        }

        public void Text(string text, XFont font, double x, double y, XBrush? brush = null) =>
            graphics.DrawString(text, font, brush ?? Ink, new XPoint(x, y), XStringFormats.TopLeft);

        public void TextRight(string text, XFont font, double right, double y) =>
            graphics.DrawString(text, font, Ink, new XRect(Margin, y, right - Margin, LineHeight), XStringFormats.TopRight);

        public void Heading(string text)
        {
            EnsureRoom(2 * LineHeight + 4);
            Text(text, Fonts.Heading, Margin, Y);
            Y += LineHeight + 4;
        }

        public void Field(string label, string value, bool bold = false)
        {
            EnsureRoom(LineHeight);
            Text(label, Fonts.Normal, Margin, Y, Muted);
            Text(value, bold ? Fonts.Bold : Fonts.Normal, Margin + LabelWidth, Y);
            Y += LineHeight;
        }

        public void Gap() => Y += 10;

        public void HorizontalRule(double before = 0, double after = 8)
        {
            Y += before;
            graphics.DrawLine(Rule, Margin, Y, Right, Y);
            Y += after;
        }

        public void Close() => graphics.Dispose();

        private XGraphics NewPage()
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            pageHeight = page.Height.Point;
            Right = page.Width.Point - Margin;
            Y = Margin;
            return XGraphics.FromPdfPage(page);
        }
    }
}
