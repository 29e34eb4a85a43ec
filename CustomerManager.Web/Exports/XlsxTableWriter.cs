using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace CustomerManager.Web.Exports;

/// <summary>
/// An export as one .xlsx worksheet, streamed through SpreadCheetah: rows go from the database to the compressed file
/// as they are read, so memory stays flat whatever the row count. Title and filters on top, then the rows as an Excel
/// table (bold header with filter buttons, frozen below the title), typed cells (money and numbers as numbers with
/// their formats, dates as real dates), our own column widths, and a totals row below the table: SUM formulas with
/// their values cached, or computed totals as values.
/// </summary>
public sealed class XlsxTableWriter : ITableWriter
{
    public ExportFormat Format => ExportFormat.Excel;

    public string Extension => "xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<int> WriteAsync(ITabularExport export, Stream output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var columns = export.Columns;
        var headerRow = export.Filters.Count + 3; // title, filters, a blank row, then the header
        var options = new WorksheetOptions { FrozenRows = headerRow };
        for (var i = 0; i < columns.Count; i++)
        {
            options.Column(i + 1).Width = columns[i].Width;
        }

        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions
        {
            CompressionLevel = SpreadCheetahCompressionLevel.Fastest,
            BufferSize = 1 << 16,
        }, cancellationToken);
        await spreadsheet.StartWorksheetAsync(SheetName(export.Title), options, cancellationToken);
        var styles = new XlsxStyles(spreadsheet, export.Currency);

        await spreadsheet.AddRowAsync([new Cell(ExportValues.Clean(export.Title), styles.Title)], cancellationToken);
        foreach (var filter in export.Filters)
        {
            await spreadsheet.AddRowAsync(
                [new Cell(ExportValues.Clean(filter.Label), styles.FilterLabel), styles.TextCell(filter.Value, styles.Plain)], cancellationToken);
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), cancellationToken);

        var sums = new ColumnSums(columns.Count);
        var rowsWritten = 0;
        var cellStyles = columns.Select(c => styles.For(c, total: false)).ToArray();
        var types = columns.Select(c => c.Type).ToArray();
        var cells = new Cell[columns.Count];
        await using var rows = export.RowsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasRows = await rows.MoveNextAsync();

        // The rows form an Excel table, which carries the filter buttons over exactly the rows written. A table
        // needs at least one data row, so an empty export gets a plain header.
        if (hasRows)
        {
            spreadsheet.StartTable(new Table(TableStyle.Light1) { BandedRows = true });
        }

        await spreadsheet.AddHeaderRowAsync(XlsxText.UniqueHeaders(columns), styles.Header, cancellationToken);
        while (hasRows)
        {
            var row = rows.Current;
            for (var i = 0; i < cells.Length; i++)
            {
                // One conversion per cell, which also feeds the totals (the hot loop of every export).
                var value = row[i];
                if (value is null)
                {
                    cells[i] = new Cell((string?)null, cellStyles[i]);
                }
                else if (types[i] == ExportColumnType.Text)
                {
                    cells[i] = styles.TextCell(value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), cellStyles[i]);
                }
                else if (types[i] == ExportColumnType.Date)
                {
                    cells[i] = new Cell(ExportValues.Date(value)!.Value, cellStyles[i]);
                }
                else
                {
                    var number = value is decimal d ? d : ExportValues.Number(value)!.Value;
                    sums.Add(i, number);
                    cells[i] = new Cell(number, cellStyles[i]);
                }
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
            if (ExportValues.ShouldReport(++rowsWritten))
            {
                progress?.Report(rowsWritten);
            }

            hasRows = await rows.MoveNextAsync();
        }

        if (rowsWritten > 0)
        {
            await spreadsheet.FinishTableAsync(cancellationToken);
        }

        if (export.HasTotals)
        {
            await spreadsheet.AddRowAsync(TotalsRow(columns, sums, styles, headerRow + 1, headerRow + rowsWritten), cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
        progress?.Report(rowsWritten);
        return rowsWritten;
    }

    private static Cell[] TotalsRow(IReadOnlyList<ExportColumn> columns, ColumnSums sums, XlsxStyles styles, int firstData, int lastData)
    {
        var cells = new Cell[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var total = ExportValues.Total(column, i, sums);
            var style = styles.For(column, total: true);
            cells[i] = (i, total) switch
            {
                (0, null) => new Cell("Total", styles.TotalLabel),
                (_, null) => new Cell((string?)null, styles.TotalBlank),
                _ when column.Sum && lastData >= firstData => new Cell(
                    new Formula($"SUM({SpreadsheetUtility.GetColumnName(i + 1)}{firstData}:{SpreadsheetUtility.GetColumnName(i + 1)}{lastData})"),
                    total.Value, style),
                _ => new Cell(total.Value, style),
            };
        }

        return cells;
    }

    /// <summary>Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    internal static string SheetName(string title)
    {
        var name = new string(title.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '-' : c).ToArray()).Trim('\'');
        return name.Length == 0 ? "Export" : name.Length > 31 ? name[..31] : name;
    }
}

/// <summary>The cell styles of an export, registered once per workbook.</summary>
internal sealed class XlsxStyles
{
    public const string DateFormat = "yyyy-mm-dd";
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";
    public const string MonthFormat = "yyyy-mm";
    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.00%";

    private readonly StyleId money;
    private readonly StyleId number;
    private readonly StyleId percent;
    private readonly StyleId date;
    private readonly StyleId dateTime;
    private readonly StyleId month;
    private readonly StyleId totalMoney;
    private readonly StyleId totalNumber;
    private readonly StyleId totalPercent;

    public XlsxStyles(Spreadsheet spreadsheet, string? currency)
    {
        Title = spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });
        FilterLabel = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        Plain = spreadsheet.AddStyle(new Style());
        Header = spreadsheet.AddStyle(new Style
        {
            Font = { Bold = true },
            Fill = { Color = System.Drawing.Color.FromArgb(0xE8, 0xEE, 0xF5) },
            Alignment = { WrapText = true, Vertical = VerticalAlignment.Center },
            Border = { Bottom = { BorderStyle = BorderStyle.Thin } },
        });
        // Text a spreadsheet would read as a formula when the cell is edited is written as Text-formatted ("@"), so
        // editing or re-saving keeps it text (OWASP CSV injection guidance).
        GuardedText = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("@") });
        money = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(MoneyFormat(currency)) });
        number = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(CountFormat) });
        percent = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(PercentFormat) });
        date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(DateFormat) });
        dateTime = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(DateTimeFormat) });
        month = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(MonthFormat) });
        TotalLabel = spreadsheet.AddStyle(Total(null));
        TotalBlank = TotalLabel;
        totalMoney = spreadsheet.AddStyle(Total(MoneyFormat(currency)));
        totalNumber = spreadsheet.AddStyle(Total(CountFormat));
        totalPercent = spreadsheet.AddStyle(Total(PercentFormat));
    }

    public StyleId Title { get; }

    public StyleId FilterLabel { get; }

    public StyleId Plain { get; }

    public StyleId Header { get; }

    public StyleId GuardedText { get; }

    public StyleId TotalLabel { get; }

    public StyleId TotalBlank { get; }

    /// <param name="currency">ISO code shown before amounts (e.g. [$ZAR] 1,234.50); plain #,##0.00 when null.</param>
    public static string MoneyFormat(string? currency) => currency is { Length: > 0 } code && code.All(char.IsAsciiLetter)
        ? $"[${code}] #,##0.00;-[${code}] #,##0.00"
        : "#,##0.00";

    public StyleId For(ExportColumn column, bool total) => (column.Type, total) switch
    {
        (ExportColumnType.Money, false) => money,
        (ExportColumnType.Money, true) => totalMoney,
        (ExportColumnType.Percent, false) => percent,
        (ExportColumnType.Percent, true) => totalPercent,
        (ExportColumnType.Number, false) => number,
        (ExportColumnType.Number, true) => totalNumber,
        (ExportColumnType.Date, false) => column.DateFormat switch
        {
            ExportDateFormat.Month => month,
            _ when column.IncludesTime => dateTime,
            _ => date,
        },
        (_, true) => TotalBlank,
        _ => Plain,
    };

    public Cell TextCell(string? text, StyleId style)
    {
        if (text is null)
        {
            return new Cell((string?)null, style);
        }

        var clean = ExportValues.Clean(text);
        return new Cell(clean, XlsxText.LooksLikeFormula(clean) ? GuardedText : style);
    }

    private static Style Total(string? format)
    {
        var style = new Style { Font = { Bold = true }, Border = { Top = { BorderStyle = BorderStyle.Thin } } };
        if (format is not null)
        {
            style.Format = NumberFormat.Custom(format);
        }

        return style;
    }
}

/// <summary>Text rules shared by both Excel writers (the streaming export and ClosedXML workbooks).</summary>
public static class XlsxText
{
    /// <summary>
    /// True for text a spreadsheet would take for a formula or a command when the cell is edited or the sheet saved as
    /// CSV: it starts with =, +, -, @, a tab or a carriage return (OWASP, "CSV Injection").
    /// </summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Column titles as an Excel table needs them: unique and not empty.</summary>
    public static string[] UniqueHeaders(IReadOnlyList<ExportColumn> columns)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var titles = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var title = string.IsNullOrWhiteSpace(columns[i].Title) ? $"Column {i + 1}" : ExportValues.Clean(columns[i].Title).Replace('\n', ' ').Replace('\r', ' ');
            var candidate = title;
            for (var n = 2; !seen.Add(candidate); n++)
            {
                candidate = $"{title} ({n})";
            }

            titles[i] = candidate;
        }

        return titles;
    }
}
