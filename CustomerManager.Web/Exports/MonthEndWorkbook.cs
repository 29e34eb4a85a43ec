using CustomerManager.Domain.Common;
using System.Globalization;
using ClosedXML.Excel;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;

namespace CustomerManager.Web.Exports;

/// <summary>
/// The accountant's month-end workbook (ClosedXML: a formatted multi-sheet workbook of modest size, which people open,
/// annotate and print). One detail sheet per report, each a table with a SUM totals row, and a Summary sheet whose
/// figures are formulas over the detail sheets (SUMIF by division, method or status), so a correction made in a detail
/// sheet flows into the summary. Every sheet is styled and print-ready: landscape, fit to one page wide, header rows
/// repeated on every printed page. Column widths are computed here from what is written (ClosedXML's
/// AdjustToContents needs libgdiplus).
/// </summary>
public static class MonthEndWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SummarySheet = "Summary";
    public const string AgingSheet = "Aging";
    public const string CollectionsByDaySheet = "Collections by day";
    public const string CollectionsByMethodSheet = "Collections by method";
    public const string PerformanceSheet = "Division performance";
    public const string CreditSheet = "Credit outstanding";
    public const string LaybySheet = "Layby status";

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#E8EEF5");

    public static string FileName(DateOnly month) => $"month-end-{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}.xlsx";

    public static void Write(MonthEndPack pack, string? currency, Stream output)
    {
        using var workbook = new XLWorkbook();
        var money = XlsxStyles.MoneyFormat(currency);
        var summary = workbook.AddWorksheet(SummarySheet);

        var aging = new DetailSheet(workbook.AddWorksheet(AgingSheet), money,
            [("Division", Kind.Text), .. AgingBuckets.All.Select(b => (AgingBuckets.Label(b), Kind.Money)), ("Credit", Kind.Money), ("Balance", Kind.Money)]);
        foreach (var d in pack.Aging.DivisionTotals)
        {
            aging.Row([d.Name, .. AgingBuckets.All.Select(b => (object?)d.Buckets[b]), d.Credit, d.Buckets.Total - d.Credit]);
        }

        aging.Finish();

        var byDay = CollectionsSheet(workbook, CollectionsByDaySheet, "Day", Kind.Date, pack.CollectionsByDay, r => r.Day?.ToDateTime(TimeOnly.MinValue), money);
        var byMethod = CollectionsSheet(workbook, CollectionsByMethodSheet, "Method", Kind.Text, pack.CollectionsByMethod, r => r.Group, money);

        var performance = new DetailSheet(workbook.AddWorksheet(PerformanceSheet), money,
            [("Division", Kind.Text), ("Sales on account", Kind.Money), ("Account payments", Kind.Money), ("Layby deposits", Kind.Money),
             ("Layby payments", Kind.Money), ("Collected", Kind.Money), ("New customers", Kind.Count)]);
        foreach (var r in pack.Performance)
        {
            performance.Row([r.Division, r.SalesOnAccount, r.AccountPayments, r.LaybyDeposits, r.LaybyPayments, r.Collected, r.NewCustomers]);
        }

        performance.Finish();

        var credit = new DetailSheet(workbook.AddWorksheet(CreditSheet), money,
            [("Division", Kind.Text), ("Accounts", Kind.Count), ("Over limit", Kind.Count), ("Credit limit", Kind.Money), ("Balance", Kind.Money)]);
        foreach (var r in pack.Credit.Divisions)
        {
            credit.Row([r.Division, r.Accounts, r.OverLimit, r.CreditLimit, r.Balance]);
        }

        credit.Finish();

        var laybys = new DetailSheet(workbook.AddWorksheet(LaybySheet), money,
            [("Status", Kind.Text), ("Laybys", Kind.Count), ("Total", Kind.Money), ("Balance", Kind.Money)]);
        foreach (var r in pack.Laybys.ByStatus)
        {
            laybys.Row([r.Status.Words(), r.Count, r.Total, r.Balance]);
        }

        laybys.Finish();

        WriteSummary(summary, pack, money, aging, byDay, byMethod, performance, credit, laybys);
        workbook.SaveAs(output);
    }

    private static DetailSheet CollectionsSheet(
        XLWorkbook workbook, string name, string first, Kind firstKind, IReadOnlyList<CollectionRow> rows, Func<CollectionRow, object?> key, string money)
    {
        var sheet = new DetailSheet(workbook.AddWorksheet(name), money,
            [(first, firstKind), ("Payments", Kind.Count), ("Accounts", Kind.Money), ("Laybys", Kind.Money), ("Reversed", Kind.Money), ("Refunds", Kind.Money), ("Net", Kind.Money)]);
        foreach (var r in rows)
        {
            sheet.Row([key(r), r.Payments, r.AccountPayments, r.LaybyPayments, r.Reversed, r.Refunds, r.Net]);
        }

        sheet.Finish();
        return sheet;
    }

    private static void WriteSummary(
        IXLWorksheet sheet, MonthEndPack pack, string money, DetailSheet aging, DetailSheet byDay, DetailSheet byMethod,
        DetailSheet performance, DetailSheet credit, DetailSheet laybys)
    {
        var writer = new SummaryWriter(sheet, money);
        writer.Title($"Month-end pack: {pack.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}");
        writer.Note($"Divisions: {(pack.Divisions.Count == 0 ? "none" : string.Join(", ", pack.Divisions))}");
        writer.Note($"Aging and collections to {pack.AsOf:yyyy-MM-dd}; credit outstanding and laybys as at {pack.MadeAtLocal:yyyy-MM-dd HH:mm}, when this workbook was made.");
        writer.Note("Every figure below is a formula over the detail sheets: a change there changes it here.");

        // Aging by division and bucket: one SUMIF per cell over the Aging sheet.
        writer.Section("Aging by division", aging.Headers.Select(h => (h.Title, h.Kind)).ToArray());
        foreach (var division in aging.Keys)
        {
            writer.SumIfRow(division, aging, Enumerable.Range(1, aging.Headers.Count - 1));
        }

        writer.TotalRow(aging.Headers.Count);

        writer.Section("Collections by method", byMethod.Headers.Select(h => (h.Title, h.Kind)).ToArray());
        foreach (var method in byMethod.Keys)
        {
            writer.SumIfRow(method, byMethod, Enumerable.Range(1, byMethod.Headers.Count - 1));
        }

        writer.TotalRow(byMethod.Headers.Count);
        writer.CheckRow("Net by day (cross-check)", byDay, byDay.Headers.Count - 1, byMethod.Headers.Count);

        writer.Section("Division performance", performance.Headers.Select(h => (h.Title, h.Kind)).ToArray());
        foreach (var division in performance.Keys)
        {
            writer.SumIfRow(division, performance, Enumerable.Range(1, performance.Headers.Count - 1));
        }

        writer.TotalRow(performance.Headers.Count);

        writer.Section("Credit outstanding", [.. credit.Headers.Select(h => (h.Title, h.Kind)), ("Utilisation", Kind.Percent)]);
        foreach (var division in credit.Keys)
        {
            writer.SumIfRow(division, credit, Enumerable.Range(1, credit.Headers.Count - 1), utilisationOf: (3, 4));
        }

        writer.TotalRow(credit.Headers.Count, utilisationOf: (3, 4));

        writer.Section("Layby status", laybys.Headers.Select(h => (h.Title, h.Kind)).ToArray());
        foreach (var status in laybys.Keys)
        {
            writer.SumIfRow(status, laybys, Enumerable.Range(1, laybys.Headers.Count - 1));
        }

        writer.TotalRow(laybys.Headers.Count);
        writer.Finish();
    }

    internal enum Kind
    {
        Text,
        Money,
        Count,
        Date,
        Percent,
    }

    private static void Style(IXLCell cell, Kind kind, string money)
    {
        switch (kind)
        {
            case Kind.Money:
                cell.Style.NumberFormat.Format = money;
                break;
            case Kind.Count:
                cell.Style.NumberFormat.Format = XlsxStyles.CountFormat;
                break;
            case Kind.Date:
                cell.Style.NumberFormat.Format = XlsxStyles.DateFormat;
                break;
            case Kind.Percent:
                cell.Style.NumberFormat.Format = XlsxStyles.PercentFormat;
                break;
        }
    }

    /// <summary>A value into a cell; text that a spreadsheet would take for a formula is kept text (quote prefix, "@").</summary>
    private static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                var clean = ExportValues.Clean(text);
                cell.SetValue(clean);
                cell.DataType = XLDataType.Text;
                if (XlsxText.LooksLikeFormula(clean))
                {
                    cell.Style.IncludeQuotePrefix = true;
                    cell.Style.NumberFormat.Format = "@";
                }

                break;
            case DateTime date:
                cell.SetValue(date);
                break;
            case decimal d:
                cell.SetValue(d);
                break;
            case int i:
                cell.SetValue(i);
                break;
            default:
                cell.SetValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>A column header: bold on the header fill, ruled below.</summary>
    private static IXLCell HeaderCell(IXLCell cell, string title)
    {
        Set(cell, title);
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = HeaderFill;
        cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        return cell;
    }

    private static double WidthOf(object? value, Kind kind) => kind switch
    {
        Kind.Money => 16,
        Kind.Count => 10,
        Kind.Date => 12,
        Kind.Percent => 11,
        _ => Math.Min(60, (value as string ?? "").Length + 2),
    };

    private static void PrintReady(IXLWorksheet sheet, int headerRows)
    {
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, headerRows);
        sheet.PageSetup.Margins.Left = 0.5;
        sheet.PageSetup.Margins.Right = 0.5;
        sheet.PageSetup.Footer.Center.AddText("Page ", XLHFOccurrence.AllPages);
        sheet.PageSetup.Footer.Center.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        sheet.PageSetup.Footer.Center.AddText(" of ", XLHFOccurrence.AllPages);
        sheet.PageSetup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
    }

    /// <summary>A detail sheet: bold header on row 1 (frozen, filter buttons), data from row 2, a SUM totals row.</summary>
    internal sealed class DetailSheet
    {
        private readonly IXLWorksheet sheet;
        private readonly string money;
        private readonly double[] widths;
        private readonly List<string> keys = [];
        private int row = 1;

        public DetailSheet(IXLWorksheet sheet, string money, IReadOnlyList<(string Title, Kind Kind)> headers)
        {
            this.sheet = sheet;
            this.money = money;
            Headers = headers;
            widths = headers.Select(h => (double)h.Title.Length + 3).ToArray();
            for (var c = 0; c < headers.Count; c++)
            {
                HeaderCell(sheet.Cell(1, c + 1), headers[c].Title).Style.Alignment.WrapText = true;
            }
        }

        public IReadOnlyList<(string Title, Kind Kind)> Headers { get; }

        public string Name => sheet.Name;

        /// <summary>The first column's values as the summary matches them (text as written, dates as yyyy-mm-dd).</summary>
        public IReadOnlyList<string> Keys => keys;

        public int FirstDataRow => 2;

        /// <summary>The last data row; with no rows, row 2 (empty), so ranges stay below the header.</summary>
        public int LastDataRow => Math.Max(2, row);

        public void Row(IReadOnlyList<object?> values)
        {
            row++;
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                Set(cell, values[c]);
                Style(cell, Headers[c].Kind, money);
                widths[c] = Math.Max(widths[c], WidthOf(values[c], Headers[c].Kind));
            }

            keys.Add(values[0] switch
            {
                DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var v => ExportValues.Clean(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
            });
        }

        public void Finish()
        {
            var total = row + 1;
            sheet.Cell(total, 1).SetValue("Total");
            for (var c = 1; c < Headers.Count; c++)
            {
                var cell = sheet.Cell(total, c + 1);
                cell.FormulaA1 = $"SUM({Column(c)}{FirstDataRow}:{Column(c)}{LastDataRow})";
                Style(cell, Headers[c].Kind, money);
            }

            var totals = sheet.Range(total, 1, total, Headers.Count);
            totals.Style.Font.Bold = true;
            totals.Style.Border.TopBorder = XLBorderStyleValues.Thin;
            if (row >= 2)
            {
                sheet.Range(1, 1, row, Headers.Count).SetAutoFilter();
            }

            for (var c = 0; c < widths.Length; c++)
            {
                sheet.Column(c + 1).Width = widths[c];
            }

            sheet.SheetView.FreezeRows(1);
            PrintReady(sheet, 1);
        }

        /// <summary>An absolute reference to the data rows of column <paramref name="column"/> (0-based), sheet-qualified.</summary>
        public string DataRange(int column) =>
            $"'{Name}'!${Column(column)}${FirstDataRow}:${Column(column)}${LastDataRow}";

        public static string Column(int zeroBased) => XLHelper.GetColumnLetterFromNumber(zeroBased + 1);
    }

    /// <summary>Sections of formula rows on the Summary sheet, each with its header and a total.</summary>
    private sealed class SummaryWriter(IXLWorksheet sheet, string money)
    {
        private readonly Dictionary<int, double> widths = [];
        private int row;
        private int sectionFirstRow;
        private IReadOnlyList<(string Title, Kind Kind)> columns = [];

        public void Title(string text)
        {
            row++;
            var cell = sheet.Cell(row, 1);
            Set(cell, text);
            cell.Style.Font.Bold = true;
            cell.Style.Font.FontSize = 16;
        }

        public void Note(string text)
        {
            row++;
            Set(sheet.Cell(row, 1), text);
            sheet.Cell(row, 1).Style.Font.FontColor = XLColor.FromHtml("#555555");
        }

        public void Section(string title, IReadOnlyList<(string Title, Kind Kind)> headers)
        {
            row += 2;
            var heading = sheet.Cell(row, 1);
            Set(heading, title);
            heading.Style.Font.Bold = true;
            heading.Style.Font.FontSize = 13;
            row++;
            columns = headers;
            for (var c = 0; c < headers.Count; c++)
            {
                HeaderCell(sheet.Cell(row, c + 1), headers[c].Title);
                Widen(c, headers[c].Title.Length + 3);
            }

            sectionFirstRow = row + 1;
        }

        /// <summary>One row: the key, then SUMIF over each of the detail sheet's columns for that key.</summary>
        public void SumIfRow(string key, DetailSheet detail, IEnumerable<int> detailColumns, (int Limit, int Balance)? utilisationOf = null)
        {
            row++;
            Set(sheet.Cell(row, 1), key);
            Widen(0, key.Length + 2);
            // Dates are matched as their serial number; text as a literal (quotes doubled), not as a pattern.
            var criterion = DateTime.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day.ToOADate().ToString(CultureInfo.InvariantCulture)
                : "\"" + key.Replace("\"", "\"\"").Replace("~", "~~").Replace("*", "~*").Replace("?", "~?") + "\"";
            foreach (var c in detailColumns)
            {
                var cell = sheet.Cell(row, c + 1);
                cell.FormulaA1 = $"SUMIF({detail.DataRange(0)},{criterion},{detail.DataRange(c)})";
                Style(cell, columns[c].Kind, money);
                Widen(c, WidthOf(null, columns[c].Kind));
            }

            if (utilisationOf is { } u)
            {
                Utilisation(u);
            }
        }

        public void TotalRow(int count, (int Limit, int Balance)? utilisationOf = null)
        {
            var last = row;
            row++;
            Set(sheet.Cell(row, 1), "Total");
            for (var c = 1; c < count; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                var letter = DetailSheet.Column(c);
                cell.FormulaA1 = last >= sectionFirstRow ? $"SUM({letter}{sectionFirstRow}:{letter}{last})" : "0";
                Style(cell, columns[c].Kind, money);
            }

            if (utilisationOf is { } u)
            {
                Utilisation(u);
            }

            var totals = sheet.Range(row, 1, row, Math.Max(count, columns.Count));
            totals.Style.Font.Bold = true;
            totals.Style.Border.TopBorder = XLBorderStyleValues.Thin;
        }

        /// <summary>A row that sums a detail sheet's column directly, to check the section against another sheet.</summary>
        public void CheckRow(string label, DetailSheet detail, int detailColumn, int sectionColumns)
        {
            row++;
            Set(sheet.Cell(row, 1), label);
            Widen(0, label.Length + 2);
            var cell = sheet.Cell(row, sectionColumns);
            cell.FormulaA1 = $"SUM({detail.DataRange(detailColumn)})";
            Style(cell, Kind.Money, money);
            sheet.Cell(row, 1).Style.Font.Italic = true;
        }

        public void Finish()
        {
            foreach (var (column, width) in widths)
            {
                sheet.Column(column + 1).Width = width;
            }

            // The long notes under the title span the sheet instead of widening the first column.
            sheet.Column(1).Width = Math.Max(widths.GetValueOrDefault(0), 24);
            PrintReady(sheet, 1);
            sheet.SetTabActive();
        }

        private void Utilisation((int Limit, int Balance) u)
        {
            var cell = sheet.Cell(row, columns.Count);
            var limit = $"{DetailSheet.Column(u.Limit)}{row}";
            var balance = $"{DetailSheet.Column(u.Balance)}{row}";
            cell.FormulaA1 = $"IF({limit}=0,\"\",{balance}/{limit})";
            Style(cell, Kind.Percent, money);
            Widen(columns.Count - 1, WidthOf(null, Kind.Percent));
        }

        private void Widen(int column, double width) => widths[column] = Math.Max(widths.GetValueOrDefault(column), width);
    }
}
