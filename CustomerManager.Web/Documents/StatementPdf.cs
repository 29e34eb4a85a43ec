using System.Globalization;
using CustomerManager.Domain.Statements;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Documents;

/// <summary>
/// The monthly account statement on A4 with PDFsharp, from the stored statement only: header with business, division,
/// statement number and period; customer and account; opening balance, the month's entries with running balance,
/// closing balance; the period totals; aging of what is open (current, 1-30, 31-60, 61-90, 90+) and unallocated credit;
/// open layby balances and loyalty points. Long months continue on further pages with the column titles repeated.
/// </summary>
public sealed class StatementPdf : IStatementRenderer
{
    private const double Margin = 50;
    private const double LineHeight = 15;
    private const double RowHeight = 14;
    private const int ReferenceWidth = 30;

    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Muted = XBrushes.DimGray;
    private static readonly XPen Rule = new(XColors.Gray, 0.5);

    public byte[] Render(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        PdfSetup.EnsureInitialised();

        using var document = new PdfDocument();
        document.Info.Title = $"Statement {statement.Number}";
        document.Info.Subject = $"Account {statement.AccountNumber}, {statement.PeriodStart:MMMM yyyy}";
        document.Info.Author = statement.BusinessName;

        var page = new PageWriter(document, new StatementFonts());
        WriteHeader(page, statement);
        WriteCustomer(page, statement);
        WriteLines(page, statement);
        WriteTotals(page, statement);
        WriteAging(page, statement);
        WriteLaybys(page, statement);
        WriteFooter(page, statement);
        page.Close();

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void WriteHeader(PageWriter page, Statement s)
    {
        var top = page.Y;
        page.Text(s.BusinessName, page.Fonts.Title, Margin, top);
        page.Text(s.DivisionName, page.Fonts.Normal, Margin, top + 22, Muted);

        page.TextRight("Statement", page.Fonts.Title, page.Right, top);
        page.TextRight(s.Number, page.Fonts.Bold, page.Right, top + 22);
        page.TextRight($"Period {Date(s.PeriodStart)} to {Date(s.PeriodEnd)}", page.Fonts.Normal, page.Right, top + 22 + LineHeight);
        page.TextRight($"Statement date {Date(s.StatementDate)}", page.Fonts.Normal, page.Right, top + 22 + 2 * LineHeight);

        page.Y = top + 22 + 3 * LineHeight + 8;
        page.HorizontalRule();
    }

    private static void WriteCustomer(PageWriter page, Statement s)
    {
        page.Heading("Customer");
        page.Field("Customer number", s.CustomerNumber);
        page.Field("Name", s.CustomerName);
        if (!string.IsNullOrWhiteSpace(s.CustomerAddress))
        {
            page.Field("Address", s.CustomerAddress);
        }

        page.Field("Account number", s.AccountNumber);
        page.Field("Currency", s.Currency);
    }

    private static void WriteLines(PageWriter page, Statement s)
    {
        page.Gap();
        page.EnsureRoom(LineHeight + 4 + 3 * RowHeight);
        page.Heading("Account activity");
        WriteLinesHeader(page);
        Row(page, page.Fonts.Bold, Date(s.PeriodStart), "Opening balance", "", null, s.OpeningBalance);
        var lines = s.Lines;
        foreach (var line in lines)
        {
            if (page.EnsureRoom(RowHeight))
            {
                page.Heading($"Account activity (continued), statement {s.Number}");
                WriteLinesHeader(page);
            }

            Row(page, page.Fonts.Normal, Date(line.Date), line.Kind, Shorten(line.Reference ?? line.Description ?? ""), line.Amount, line.RunningBalance);
        }

        if (lines.Count == 0)
        {
            page.EnsureRoom(RowHeight);
            page.Text("No entries in this period.", page.Fonts.Normal, Columns.Kind, page.Y, Muted);
            page.Y += RowHeight;
        }

        page.EnsureRoom(RowHeight + 4);
        page.HorizontalRule(before: 1, after: 3);
        Row(page, page.Fonts.Bold, Date(s.PeriodEnd), "Closing balance", "", null, s.ClosingBalance);
    }

    private static void WriteLinesHeader(PageWriter page)
    {
        var font = page.Fonts.Bold;
        page.Text("Date", font, Columns.Date, page.Y);
        page.Text("Entry", font, Columns.Kind, page.Y);
        page.Text("Reference", font, Columns.Reference, page.Y);
        page.TextRight("Amount", font, Columns.AmountRight, page.Y);
        page.TextRight("Balance", font, page.Right, page.Y);
        page.Y += RowHeight;
        page.HorizontalRule(before: -2, after: 3);
    }

    private static void Row(PageWriter page, XFont font, string date, string kind, string reference, decimal? amount, decimal balance)
    {
        page.EnsureRoom(RowHeight);
        page.Text(date, font, Columns.Date, page.Y);
        page.Text(kind, font, Columns.Kind, page.Y);
        page.Text(reference, font, Columns.Reference, page.Y);
        if (amount is { } a)
        {
            page.TextRight(Amount(a), font, Columns.AmountRight, page.Y);
        }

        page.TextRight(Amount(balance), font, page.Right, page.Y);
        page.Y += RowHeight;
    }

    private static void WriteTotals(PageWriter page, Statement s)
    {
        page.Gap();
        page.Heading("Totals for the period");
        page.Field("Opening balance", Money(s.Currency, s.OpeningBalance));
        page.Field("Charges", Money(s.Currency, s.TotalCharges));
        page.Field("Payments", Money(s.Currency, s.TotalPayments));
        page.Field("Fees", Money(s.Currency, s.TotalFees));
        page.Field("Interest", Money(s.Currency, s.TotalInterest));
        if (s.TotalOther != 0)
        {
            page.Field("Reversals and adjustments", Money(s.Currency, s.TotalOther));
        }

        page.Field("Closing balance", Money(s.Currency, s.ClosingBalance), bold: true);
    }

    private static void WriteAging(PageWriter page, Statement s)
    {
        page.Gap();
        page.EnsureRoom(LineHeight + 4 + 2 * RowHeight + 4);
        page.Heading($"Aging at {Date(s.StatementDate)}");
        var titles = AgingBuckets.All.Select(AgingBuckets.Label).Append("Credit").Append("Total due").ToList();
        var values = AgingBuckets.All.Select(b => s.Aging[b]).Append(-s.UnallocatedCredit).Append(s.ClosingBalance).ToList();
        var width = (page.Right - Margin) / titles.Count;
        for (var i = 0; i < titles.Count; i++)
        {
            page.TextRight(titles[i], page.Fonts.Bold, Margin + (i + 1) * width, page.Y);
        }

        page.Y += RowHeight;
        page.HorizontalRule(before: -2, after: 3);
        for (var i = 0; i < values.Count; i++)
        {
            page.TextRight(Amount(values[i]), i == values.Count - 1 ? page.Fonts.Bold : page.Fonts.Normal, Margin + (i + 1) * width, page.Y);
        }

        page.Y += RowHeight;
    }

    private static void WriteLaybys(PageWriter page, Statement s)
    {
        var laybys = s.LaybyBalances;
        page.Gap();
        page.Heading("Laybys");
        if (laybys.Count == 0)
        {
            page.Field("Open laybys", "None");
        }

        foreach (var layby in laybys)
        {
            page.Field($"{layby.LaybyNumber} ({layby.Status})", Money(s.Currency, layby.Balance));
        }

        page.Field("Loyalty points", s.LoyaltyPoints.ToString("N0", CultureInfo.InvariantCulture));
    }

    private static void WriteFooter(PageWriter page, Statement s)
    {
        page.Gap();
        page.EnsureRoom(2 * LineHeight);
        page.HorizontalRule();
        page.Text($"Generated {LaybyReceiptPdf.Timestamp(s.GeneratedAtUtc)} UTC by {s.GeneratedBy}", page.Fonts.Normal, Margin, page.Y, Muted);
        page.Y += LineHeight;
    }

    private static string Shorten(string text) => text.Length <= ReferenceWidth ? text : text[..(ReferenceWidth - 1)] + "…";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Money(string currency, decimal amount) => LaybyReceiptPdf.Money(currency, amount);

    private static class Columns
    {
        public const double Date = Margin;
        public const double Kind = Margin + 65;
        public const double Reference = Margin + 170;
        public const double AmountRight = Margin + 400;
    }

    private sealed class StatementFonts
    {
        public XFont Title { get; } = new(PdfFonts.FamilyName, 16, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(PdfFonts.FamilyName, 11, XFontStyleEx.Bold);
        public XFont Normal { get; } = new(PdfFonts.FamilyName, 9, XFontStyleEx.Regular);
        public XFont Bold { get; } = new(PdfFonts.FamilyName, 9, XFontStyleEx.Bold);
    }

    /// <summary>A top-down cursor over the document's pages: adds an A4 page when the next block does not fit.</summary>
    private sealed class PageWriter
    {
        private const double LabelWidth = 150;
        private readonly PdfDocument document;
        private XGraphics graphics;
        private double pageHeight;

        public PageWriter(PdfDocument document, StatementFonts fonts)
        {
            this.document = document;
            Fonts = fonts;
            graphics = NewPage();
        }

        public StatementFonts Fonts { get; }
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
