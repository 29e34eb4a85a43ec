using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CustomerManager.Tests.Support;

/// <summary>A cell as a reader sees it: its kind, value, number format and formula.</summary>
internal sealed record XlsxCell(string Kind, string Value, string? NumberFormat, string? Formula, bool Bold)
{
    public decimal Number => decimal.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public DateTime Date => DateTime.FromOADate(double.Parse(Value, CultureInfo.InvariantCulture));
}

/// <summary>A generated workbook read back with the Open XML SDK after the Open XML validator found no errors.</summary>
internal sealed class XlsxSheet
{
    private XlsxSheet(IReadOnlyList<IReadOnlyList<XlsxCell>> rows, uint? frozenRows, IReadOnlyList<double> widths, string sheetName)
    {
        Rows = rows;
        FrozenRows = frozenRows;
        ColumnWidths = widths;
        SheetName = sheetName;
    }

    /// <summary>Every row, including blank ones (as empty lists), in sheet order.</summary>
    public IReadOnlyList<IReadOnlyList<XlsxCell>> Rows { get; }

    public uint? FrozenRows { get; }

    public IReadOnlyList<double> ColumnWidths { get; }

    public string SheetName { get; }

    /// <summary>The index of the row whose first cell reads <paramref name="firstCell"/>.</summary>
    public int RowStarting(string firstCell) =>
        Rows.Select((r, i) => (r, i)).First(x => x.r.Count > 0 && x.r[0].Value == firstCell).i;

    /// <summary>The rows between the header (first cell <paramref name="header"/>) and the totals row (or the end).</summary>
    public IReadOnlyList<IReadOnlyList<XlsxCell>> DataRows(string header)
    {
        var start = RowStarting(header) + 1;
        return Rows.Skip(start).TakeWhile(r => r.Count > 0 && r[0].Value != "Total").ToList();
    }

    public IReadOnlyList<XlsxCell> TotalsRow => Rows.Last(r => r.Count > 0 && r[0].Value == "Total");

    public static XlsxSheet Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, "Open XML validation errors:\n" + string.Join("\n", errors));

        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet!;
        var custom = formats.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var xfs = formats.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = formats.Fonts!.Elements<Font>().ToList();
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = new List<IReadOnlyList<XlsxCell>>();
        foreach (var row in worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
        {
            while (rows.Count + 1 < row.RowIndex!.Value)
            {
                rows.Add([]);
            }

            rows.Add(row.Elements<Cell>().Select(c =>
            {
                var xf = xfs[(int)(c.StyleIndex?.Value ?? 0)];
                var formatId = xf.NumberFormatId?.Value ?? 0;
                var format = custom.TryGetValue(formatId, out var code) ? code : formatId switch
                {
                    0 => null,
                    3 => "#,##0",
                    10 => "0.00%",
                    _ => "builtin " + formatId,
                };
                var bold = fonts[(int)(xf.FontId?.Value ?? 0)].GetFirstChild<Bold>() is not null;
                var kind = c.DataType?.Value == CellValues.InlineString ? "text"
                    : c.DataType is null && c.CellValue is not null ? "number"
                    : c.CellValue is null && c.InlineString is null ? "empty"
                    : c.DataType!.Value.ToString();
                var value = kind == "text" ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
                return new XlsxCell(kind, value, format, c.CellFormula?.Text, bold);
            }).ToList());
        }

        var pane = worksheet.GetFirstChild<SheetViews>()?.GetFirstChild<SheetView>()?.GetFirstChild<Pane>();
        var frozen = pane?.State?.Value == PaneStateValues.Frozen ? (uint?)pane.VerticalSplit!.Value : null;
        var widths = worksheet.GetFirstChild<Columns>()?.Elements<Column>().Select(c => c.Width!.Value).ToList() ?? [];
        return new XlsxSheet(rows, frozen, widths, sheet.Name!.Value!);
    }
}
