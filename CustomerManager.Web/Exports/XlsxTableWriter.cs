using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CustomerManager.Web.Exports;

/// <summary>
/// An export as one .xlsx worksheet, written with the Open XML SDK's SAX <see cref="OpenXmlWriter"/> straight into a
/// zip opened for writing only (<see cref="XlsxPackage"/>), so the sheet streams out compressed and memory stays flat. Title and filters on top, a bold header
/// row frozen below them, typed cells (money and numbers as numbers with their number formats, dates as date serials),
/// column widths, and a totals row: SUM formulas with their values cached, or computed totals as values.
/// </summary>
public sealed class XlsxTableWriter : ITableWriter
{
    public ExportFormat Format => ExportFormat.Excel;

    public string Extension => "xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<int> WriteAsync(ITabularExport export, Stream output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        XlsxPackage.WriteText(zip, "[Content_Types].xml", XlsxPackage.ContentTypes);
        XlsxPackage.WriteText(zip, "_rels/.rels", XlsxPackage.RootRelationships);
        XlsxPackage.WriteText(zip, "xl/_rels/workbook.xml.rels", XlsxPackage.WorkbookRelationships);
        XlsxPackage.WriteElement(zip, XlsxPackage.WorkbookPath, XlsxPackage.Workbook(SheetName(export.Title)));
        XlsxPackage.WriteElement(zip, XlsxPackage.StylesPath, XlsxStyles.Stylesheet(export.Currency));
        using var sheetStream = zip.CreateEntry(XlsxPackage.SheetPath, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(sheetStream);
        var rows = await WriteSheetAsync(writer, export, progress, cancellationToken);
        progress?.Report(rows);
        return rows;
    }

    private static async Task<int> WriteSheetAsync(OpenXmlWriter writer, ITabularExport export, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var columns = export.Columns;
        var headerRow = (uint)(export.Filters.Count + 3); // title, filters, a blank row, then the header
        var rowsWritten = 0;
        var sums = new ColumnSums(columns.Count);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = headerRow,
                TopLeftCell = $"A{headerRow + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{headerRow + 1}" } })
        {
            WorkbookViewId = 0U,
        }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = c.Width,
            CustomWidth = true,
        })));

        writer.WriteStartElement(new SheetData());
        var cells = new XlsxCells(writer);
        var rowIndex = 1U;
        cells.StartRow(rowIndex++);
        cells.Text(export.Title, XlsxStyles.Title);
        cells.EndRow();
        foreach (var filter in export.Filters)
        {
            cells.StartRow(rowIndex++);
            cells.Text(filter.Label, XlsxStyles.FilterLabel);
            cells.Text(filter.Value, XlsxStyles.Plain);
            cells.EndRow();
        }

        rowIndex++; // blank row
        cells.StartRow(rowIndex++);
        foreach (var column in columns)
        {
            cells.Text(column.Title, XlsxStyles.Header);
        }

        cells.EndRow();

        var styles = columns.Select(c => XlsxStyles.For(c, total: false)).ToArray();
        await foreach (var row in export.RowsAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            cells.StartRow(rowIndex++);
            for (var i = 0; i < row.Length; i++)
            {
                cells.Value(columns[i].Type, row[i], styles[i]);
            }

            cells.EndRow();
            ExportValues.Accumulate(columns, row, sums);
            if (++rowsWritten % ExportValues.ProgressEvery == 0)
            {
                progress?.Report(rowsWritten);
            }
        }

        if (export.HasTotals)
        {
            WriteTotals(cells, columns, sums, rowIndex, headerRow + 1, rowIndex - 1);
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape });
        writer.WriteEndElement(); // worksheet
        return rowsWritten;
    }

    private static void WriteTotals(XlsxCells cells, IReadOnlyList<ExportColumn> columns, ColumnSums sums, uint rowIndex, uint firstData, uint lastData)
    {
        cells.StartRow(rowIndex);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var total = ExportValues.Total(column, i, sums);
            if (i == 0 && total is null)
            {
                cells.Text("Total", XlsxStyles.TotalLabel);
            }
            else if (total is null)
            {
                cells.Empty(XlsxStyles.TotalBlank);
            }
            else if (column.Sum && lastData >= firstData)
            {
                var letter = ColumnLetter(i);
                cells.Formula($"SUM({letter}{firstData}:{letter}{lastData})", total.Value, XlsxStyles.For(column, total: true));
            }
            else
            {
                cells.Number(total.Value, XlsxStyles.For(column, total: true));
            }
        }

        cells.EndRow();
    }

    /// <summary>A1-style letters of a zero-based column index (0 → A, 26 → AA).</summary>
    internal static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string title)
    {
        var name = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        return name.Length == 0 ? "Export" : name[..Math.Min(31, name.Length)];
    }
}

/// <summary>Writes cells of the current row; one reused element and attribute set per kind of cell.</summary>
internal sealed class XlsxCells(OpenXmlWriter writer)
{
    private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
    private readonly Row row = new();
    private readonly Cell cell = new();
    private readonly InlineString inline = new();
    private readonly OpenXmlAttribute[] oneAttribute = new OpenXmlAttribute[1];
    private readonly OpenXmlAttribute[] twoAttributes = new OpenXmlAttribute[2];

    public void StartRow(uint index) =>
        writer.WriteStartElement(row, [new OpenXmlAttribute("r", "", index.ToString(CultureInfo.InvariantCulture))]);

    public void EndRow() => writer.WriteEndElement();

    public void Value(ExportColumnType type, object? value, string style)
    {
        switch (value)
        {
            case null:
                Empty(style);
                break;
            case string text:
                Text(text, style);
                break;
            default:
                if (type == ExportColumnType.Date)
                {
                    Number(ExportValues.Date(value)!.Value.ToOADate(), style);
                }
                else if (type == ExportColumnType.Text)
                {
                    Text(ExportValues.Display(type, value), style);
                }
                else
                {
                    Number(ExportValues.Number(value)!.Value, style);
                }

                break;
        }
    }

    public void Text(string text, string style)
    {
        twoAttributes[0] = InlineType;
        twoAttributes[1] = new OpenXmlAttribute("s", "", style);
        writer.WriteStartElement(cell, twoAttributes);
        writer.WriteStartElement(inline);
        writer.WriteElement(new Text(ExportValues.Clean(text)));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    public void Number(decimal value, string style) => NumberText(value.ToString(CultureInfo.InvariantCulture), style);

    public void Number(double value, string style) => NumberText(value.ToString("R", CultureInfo.InvariantCulture), style);

    public void Formula(string formula, decimal cached, string style)
    {
        oneAttribute[0] = new OpenXmlAttribute("s", "", style);
        writer.WriteStartElement(cell, oneAttribute);
        writer.WriteElement(new CellFormula(formula));
        writer.WriteElement(new CellValue(cached.ToString(CultureInfo.InvariantCulture)));
        writer.WriteEndElement();
    }

    public void Empty(string style)
    {
        oneAttribute[0] = new OpenXmlAttribute("s", "", style);
        writer.WriteStartElement(cell, oneAttribute);
        writer.WriteEndElement();
    }

    private void NumberText(string value, string style)
    {
        oneAttribute[0] = new OpenXmlAttribute("s", "", style);
        writer.WriteStartElement(cell, oneAttribute);
        writer.WriteElement(new CellValue(value));
        writer.WriteEndElement();
    }
}

/// <summary>The workbook's cell formats; the constants are indexes into <c>cellXfs</c> (as attribute text).</summary>
internal static class XlsxStyles
{
    public const string Plain = "0";
    public const string Title = "1";
    public const string FilterLabel = "2";
    public const string Header = "3";
    public const string Money = "4";
    public const string Date = "5";
    public const string Percent = "6";
    public const string Number = "7";
    public const string TotalLabel = "8";
    public const string TotalMoney = "9";
    public const string TotalPercent = "10";
    public const string TotalNumber = "11";
    public const string TotalBlank = "12";
    public const string DateTime = "13";

    public const uint MoneyFormatId = 164;
    public const uint DateFormatId = 165;
    public const uint DateTimeFormatId = 166;

    /// <summary>Built-in formats: 3 is #,##0 and 10 is 0.00%.</summary>
    private const uint NumberFormatId = 3;
    private const uint PercentFormatId = 10;

    public static string For(ExportColumn column, bool total) => (column.Type, total) switch
    {
        (ExportColumnType.Date, false) when column.IncludesTime => DateTime,
        (ExportColumnType.Money, false) => Money,
        (ExportColumnType.Money, true) => TotalMoney,
        (ExportColumnType.Percent, false) => Percent,
        (ExportColumnType.Percent, true) => TotalPercent,
        (ExportColumnType.Number, false) => Number,
        (ExportColumnType.Number, true) => TotalNumber,
        (ExportColumnType.Date, false) => Date,
        (_, true) => TotalBlank,
        _ => Plain,
    };

    /// <param name="currency">ISO code shown before amounts (e.g. [$ZAR] 1,234.50); plain #,##0.00 when null.</param>
    public static Stylesheet Stylesheet(string? currency)
    {
        var money = currency is { Length: > 0 } code && code.All(char.IsAsciiLetter)
            ? $"[${code}] #,##0.00;-[${code}] #,##0.00"
            : "#,##0.00";
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = MoneyFormatId, FormatCode = money },
                new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "yyyy-mm-dd hh:mm" })
            { Count = 3U },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" }))
            { Count = 3U },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E9EE" }) { PatternType = PatternValues.Solid }))
            { Count = 3U },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()),
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin }, new BottomBorder(), new DiagonalBorder()))
            { Count = 3U },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            new CellFormats(
                Format(0, 0, 0, 0),                    // 0 plain
                Format(0, 2, 0, 0),                    // 1 title
                Format(0, 1, 0, 0),                    // 2 filter label
                Format(0, 1, 2, 1),                    // 3 header
                Format(MoneyFormatId, 0, 0, 0),        // 4 money
                Format(DateFormatId, 0, 0, 0),         // 5 date
                Format(PercentFormatId, 0, 0, 0),      // 6 percent
                Format(NumberFormatId, 0, 0, 0),       // 7 number
                Format(0, 1, 0, 2),                    // 8 total label
                Format(MoneyFormatId, 1, 0, 2),        // 9 total money
                Format(PercentFormatId, 1, 0, 2),      // 10 total percent
                Format(NumberFormatId, 1, 0, 2),       // 11 total number
                Format(0, 1, 0, 2),                    // 12 total blank
                Format(DateTimeFormatId, 0, 0, 0))     // 13 date and time
            { Count = 14U },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
    }

    private static CellFormat Format(uint numberFormat, uint font, uint fill, uint border) => new()
    {
        NumberFormatId = numberFormat,
        FontId = font,
        FillId = fill,
        BorderId = border,
        FormatId = 0U,
        ApplyNumberFormat = numberFormat != 0,
        ApplyFont = font != 0,
        ApplyFill = fill != 0,
        ApplyBorder = border != 0,
    };
}

/// <summary>
/// The parts of a one-sheet workbook. Written by hand because the SDK's package API needs read access, and on a
/// read-write package System.IO.Packaging keeps every part in memory until the file is closed (a 100,000-row sheet
/// is tens of megabytes of XML); a zip in create mode writes each entry through as it goes.
/// </summary>
internal static class XlsxPackage
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";
    public const string SheetPath = "xl/worksheets/sheet1.xml";

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        """</Types>""";

    public const string RootRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
        """</Relationships>""";

    public const string WorkbookRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
        """</Relationships>""";

    public static Workbook Workbook(string sheetName)
    {
        var workbook = new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1U, Id = "rId1" }));
        workbook.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return workbook;
    }

    public static void WriteText(ZipArchive zip, string path, string xml)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        stream.Write(System.Text.Encoding.UTF8.GetBytes(xml));
    }

    public static void WriteElement(ZipArchive zip, string path, OpenXmlElement root)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }
}
