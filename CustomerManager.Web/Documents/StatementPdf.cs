using CustomerManager.Domain.Common;
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
public sealed class StatementPdf(BusinessTime time) : IStatementRenderer
{
    private const double Margin = PdfPageWriter.Margin;
    private const double LineHeight = PdfPageWriter.LineHeight;
    private const double RowHeight = 14;
    private const int ReferenceWidth = 30;

    private static readonly XBrush Muted = PdfPageWriter.Muted;

    public byte[] Render(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        PdfSetup.EnsureInitialised();

        using var document = new PdfDocument();
        document.Info.Title = $"Statement {statement.Number}";
        document.Info.Subject = $"Account {statement.AccountNumber}, {statement.PeriodStart:MMMM yyyy}";
        document.Info.Author = statement.BusinessName;

        var page = new PdfPageWriter(document, new PdfFontSet(9), labelWidth: 150);
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

    private static void WriteHeader(PdfPageWriter page, Statement s)
    {
        var top = page.Y;
        page.Text(s.BusinessName, page.Fonts.Title, Margin, top);
        page.Text(s.DivisionName, page.Fonts.Normal, Margin, top + 22, Muted);

        page.TextRight("Statement", page.Fonts.Title, page.Right, top);
        page.TextRight(s.Number, page.Fonts.Bold, page.Right, top + 22);
        page.TextRight($"Period {Date(s.PeriodStart)} to {Date(s.PeriodEnd)}", page.Fonts.Normal, page.Right, top + 22 + LineHeight);
        page.TextRight($"Statement date {Date(s.StatementDate)}", page.Fonts.Normal, page.Right, top + 22 + 2 * LineHeight);
        if (s.ClosingBalance > 0)
        {
            page.TextRight($"Please pay by {Date(s.DueDate)}", page.Fonts.Bold, page.Right, top + 22 + 3 * LineHeight);
        }

        page.Y = top + 22 + 4 * LineHeight + 8;
        page.HorizontalRule();
    }

    private static void WriteCustomer(PdfPageWriter page, Statement s)
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

    private static void WriteLines(PdfPageWriter page, Statement s)
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

    private static void WriteLinesHeader(PdfPageWriter page)
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

    private static void Row(PdfPageWriter page, XFont font, string date, string kind, string reference, decimal? amount, decimal balance)
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

    private static void WriteTotals(PdfPageWriter page, Statement s)
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
            page.Field("Reversals, adjustments and write-offs", Money(s.Currency, s.TotalOther));
        }

        page.Field("Closing balance", Money(s.Currency, s.ClosingBalance), bold: true);
    }

    private static void WriteAging(PdfPageWriter page, Statement s)
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

    private static void WriteLaybys(PdfPageWriter page, Statement s)
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

    private void WriteFooter(PdfPageWriter page, Statement s)
    {
        page.Gap();
        page.EnsureRoom(2 * LineHeight);
        page.HorizontalRule();
        page.Text($"Generated {time.Timestamp(s.GeneratedAtUtc)} by {s.GeneratedBy}", page.Fonts.Normal, Margin, page.Y, Muted);
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
}
