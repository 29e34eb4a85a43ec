using System.Text;
using ClosedXML.Excel;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Imports;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Imports;

/// <summary>
/// The import workbook through ClosedXML (the library for workbooks people edit, PLATFORM.md): the template, the reader of
/// uploads and the annotated copy. A file that is not a readable .xlsx is reported as such, never thrown at the page.
/// </summary>
public sealed class ImportWorkbook : IImportWorkbook
{
    /// <summary>Rows whose external number starts with this are the template's examples: never imported.</summary>
    public const string ExamplePrefix = "EXAMPLE-";

    private const int TemplateRows = 5000;
    private static readonly XLColor BadCell = XLColor.FromHtml("#F4B6B6");
    private static readonly XLColor ReadyFill = XLColor.FromHtml("#D9EAD3");
    private static readonly XLColor ProblemFill = XLColor.FromHtml("#FCE5CD");

    public ImportFile Read(string fileName, byte[] content)
    {
        if (FileProblem(fileName, content) is { } problem)
        {
            return ImportFile.Refused(fileName, problem);
        }

        XLWorkbook book;
        try
        {
            book = new XLWorkbook(new MemoryStream(content, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ImportFile.Refused(fileName, "The file could not be read as an Excel workbook (it may be damaged). Open it in Excel, save it again as .xlsx and upload that.");
        }

        using (book)
        {
            var problems = new List<string>();
            var rows = new Dictionary<string, IReadOnlyList<ImportRow>>();
            var found = 0;
            foreach (var sheet in ImportLayout.Sheets)
            {
                if (!book.Worksheets.TryGetWorksheet(sheet.Name, out var ws))
                {
                    continue;
                }

                found++;
                rows[sheet.Name] = ReadSheet(ws, sheet, problems);
            }

            if (found == 0)
            {
                problems.Add($"The workbook has none of the sheets {string.Join(", ", ImportLayout.Sheets.Select(s => s.Name))}: start from the template.");
            }

            return new ImportFile(fileName, rows, problems);
        }
    }

    /// <summary>Refuses what is not an .xlsx before ClosedXML sees it: other formats, old .xls and encrypted (password) workbooks.</summary>
    private static string? FileProblem(string fileName, byte[] content)
    {
        var isZip = content.Length > 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04;
        var isCompound = content.Length > 8 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0;
        if (isCompound)
        {
            // Excel saves a password-protected workbook as an encrypted compound file with an EncryptionInfo stream.
            var marker = Encoding.Unicode.GetBytes("EncryptionInfo");
            return content.AsSpan().IndexOf(marker) >= 0
                ? "The workbook is password-protected: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save and upload it again."
                : "This is an old Excel 97-2003 (.xls) workbook: open it in Excel and save it as .xlsx.";
        }

        if (!isZip)
        {
            return $"{Path.GetFileName(fileName)} is not an Excel workbook (.xlsx). Start from the template and save it as an Excel workbook.";
        }

        return null;
    }

    private static List<ImportRow> ReadSheet(IXLWorksheet ws, ImportSheet sheet, List<string> problems)
    {
        var result = new List<ImportRow>();
        var lastColumn = ws.LastColumnUsed()?.ColumnNumber() ?? 0;
        var lastRow = ws.LastRowUsed()?.RowNumber() ?? 0;
        if (lastColumn == 0 || lastRow == 0)
        {
            problems.Add($"The sheet {sheet.Name} is empty: it needs the template's header row (or delete the sheet).");
            return result;
        }

        var columns = new Dictionary<int, ImportColumn>();
        for (var c = 1; c <= lastColumn; c++)
        {
            var header = ws.Cell(1, c).HasFormula ? "" : ws.Cell(1, c).GetString();
            if (string.IsNullOrWhiteSpace(header) || ImportLayout.HeaderKey(header) is var key
                && (key == ImportLayout.HeaderKey(ImportLayout.StatusHeader) || key == ImportLayout.HeaderKey(ImportLayout.MessageHeader)))
            {
                continue;
            }

            if (sheet.ForHeader(header) is { } column)
            {
                columns[c] = column;
            }
            else
            {
                problems.Add($"{sheet.Name}: the column \"{Shorten(header)}\" is not one of the template's ({string.Join(", ", sheet.Columns.Select(x => x.Header))}); was it renamed?");
            }
        }

        foreach (var missing in sheet.Columns.Where(c => c.Required && !columns.ContainsValue(c)))
        {
            problems.Add($"{sheet.Name}: the required column \"{missing.Header}\" is missing (renamed or deleted?); put the template's header back.");
        }

        for (var r = 2; r <= lastRow; r++)
        {
            var cells = new Dictionary<string, ImportCell>(StringComparer.Ordinal);
            foreach (var (c, column) in columns)
            {
                var cell = ReadCell(ws.Cell(r, c));
                if (!cell.IsBlank)
                {
                    cells[column.Key] = cell;
                }
            }

            if (cells.Count == 0 || (cells.TryGetValue(ImportLayout.Keys.ExternalNumber, out var ext)
                    && ext.Text?.Trim().StartsWith(ExamplePrefix, StringComparison.OrdinalIgnoreCase) == true))
            {
                continue;
            }

            result.Add(new ImportRow(sheet.Name, r, cells));
        }

        return result;
    }

    private static ImportCell ReadCell(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            return new ImportCell(IsFormula: true);
        }

        if (cell.IsEmpty())
        {
            return new ImportCell();
        }

        // A cell typed as a number or date whose stored value is not one is read as the text it holds.
        return cell.DataType switch
        {
            XLDataType.Number when cell.TryGetValue<double>(out var number) => new ImportCell(Number: number),
            XLDataType.DateTime when cell.TryGetValue<DateTime>(out var date) => new ImportCell(Date: date),
            XLDataType.Boolean when cell.TryGetValue<bool>(out var flag) => new ImportCell(Text: flag ? "yes" : "no"),
            _ => new ImportCell(Text: cell.GetString()),
        };
    }

    public byte[] Template(IReadOnlyList<string> divisionCodes)
    {
        using var book = new XLWorkbook();
        var sheets = ImportLayout.Sheets.Select(s => (Spec: s, Sheet: book.AddWorksheet(s.Name))).ToList();
        var notes = book.AddWorksheet(ImportLayout.NotesSheet);

        // Lists for the drop-downs, on the Notes sheet where the instructions explain them.
        var types = Enum.GetValues<CustomerType>().Select(t => t.Words()).ToList();
        var frequencies = Enum.GetValues<LaybyFrequency>().Select(f => f.Words()).ToList();
        var codes = divisionCodes.Count > 0 ? divisionCodes : ["(none)"];
        var typeList = WriteList(notes, 8, "Customer types", types);
        var divisionList = WriteList(notes, 9, "Division codes", codes);
        var frequencyList = WriteList(notes, 10, "Frequencies", frequencies);

        foreach (var (spec, ws) in sheets)
        {
            for (var i = 0; i < spec.Columns.Count; i++)
            {
                var column = spec.Columns[i];
                // Formats on whole columns (one column record each), not on thousands of cells the reader would then load.
                ws.Column(i + 1).Style.NumberFormat.Format = column.Kind switch
                {
                    ImportColumnKind.Date => "yyyy-mm-dd",
                    ImportColumnKind.Number => "#,##0.00",
                    ImportColumnKind.WholeNumber => "0",
                    _ => "@",
                };
                var header = ws.Cell(1, i + 1);
                header.SetValue(column.TemplateHeader);
                header.Style.NumberFormat.Format = "@";
                header.Style.Font.Bold = true;
                header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
                var data = ws.Range(2, i + 1, TemplateRows, i + 1);
                ws.Column(i + 1).Width = Math.Clamp(column.Header.Length + 6, 12, 40);
                var list = column.Key switch
                {
                    ImportLayout.Keys.Type => typeList,
                    ImportLayout.Keys.Division => divisionList,
                    ImportLayout.Keys.Frequency => frequencyList,
                    _ => null,
                };
                if (list is not null)
                {
                    var validation = data.SetDataValidation();
                    validation.List(list, true);
                    validation.ErrorTitle = column.Header;
                    validation.ErrorMessage = $"Choose one of the {column.Header.ToLowerInvariant()} values listed on the Notes sheet.";
                }
            }

            ws.SheetView.FreezeRows(1);
        }

        Example(sheets[0].Sheet, ImportLayout.Customers, new()
        {
            [ImportLayout.Keys.ExternalNumber] = ExamplePrefix + "1001",
            [ImportLayout.Keys.Type] = CustomerType.Individual.Words(),
            [ImportLayout.Keys.FirstName] = "Thandi",
            [ImportLayout.Keys.LastName] = "Example",
            [ImportLayout.Keys.Phone] = "082 555 0101",
            [ImportLayout.Keys.Email] = "thandi@example.com",
            [ImportLayout.Keys.DateOfBirth] = new DateTime(1985, 4, 12),
            [ImportLayout.Keys.City] = "Durban",
            [ImportLayout.Keys.Division] = codes[0],
            [ImportLayout.Keys.CreditLimit] = 5000m,
            [ImportLayout.Keys.PaymentTermsDays] = 30,
        });
        Example(sheets[1].Sheet, ImportLayout.OpeningBalances, new()
        {
            [ImportLayout.Keys.ExternalNumber] = ExamplePrefix + "1001",
            [ImportLayout.Keys.Division] = codes[0],
            [ImportLayout.Keys.AsOf] = new DateTime(2026, 10, 31),
            [ImportLayout.Keys.Amount] = 1250.50m,
            [ImportLayout.Keys.Reference] = "Old ledger A-77",
        });
        Example(sheets[2].Sheet, ImportLayout.Laybys, new()
        {
            [ImportLayout.Keys.ExternalNumber] = ExamplePrefix + "1001",
            [ImportLayout.Keys.Division] = codes[0],
            [ImportLayout.Keys.LaybyReference] = "LB-553",
            [ImportLayout.Keys.Items] = "Winter coat",
            [ImportLayout.Keys.Total] = 1800m,
            [ImportLayout.Keys.PaidSoFar] = 600m,
            [ImportLayout.Keys.Frequency] = LaybyFrequency.Monthly.Words(),
            [ImportLayout.Keys.CompletionDate] = new DateTime(2027, 1, 31),
        });

        var line = 1;
        notes.Cell(line++, 1).SetValue("How to fill in this workbook").Style.Font.Bold = true;
        foreach (var text in new[]
                 {
                     "Row 2 of each sheet is an example: rows whose external number starts with EXAMPLE- are never imported. Overwrite or delete them.",
                     "Keep the headers as they are. Columns marked * are required. Type, division and frequency have drop-down lists (values below, right).",
                     "Upload the file at Import from Excel: a dry run checks every row and nothing is imported until you confirm.",
                     "Download the checked copy: each row gets a status and a message, and bad cells are highlighted. Fix them and upload again.",
                     "Importing the same file again creates nothing twice: the external number is each customer's key.",
                     "Write dates as date cells or as text yyyy-mm-dd; write values, not formulas.",
                 })
        {
            notes.Cell(line++, 1).SetValue(text);
        }

        foreach (var spec in ImportLayout.Sheets)
        {
            line++;
            notes.Cell(line++, 1).SetValue($"{spec.Name}: {spec.Help}").Style.Font.Bold = true;
            foreach (var column in spec.Columns)
            {
                notes.Cell(line, 1).SetValue(column.TemplateHeader);
                notes.Cell(line++, 2).SetValue(column.Help);
            }
        }

        notes.Column(1).Width = 30;
        notes.Column(2).Width = 90;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    public byte[] Annotate(byte[] content, IReadOnlyList<ImportRowOutcome> outcomes)
    {
        using var book = new XLWorkbook(new MemoryStream(SaveableByClosedXml(content), writable: false));
        foreach (var sheet in ImportLayout.Sheets)
        {
            if (!book.Worksheets.TryGetWorksheet(sheet.Name, out var ws))
            {
                continue;
            }

            var lastColumn = ws.LastColumnUsed()?.ColumnNumber() ?? 0;
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            int? statusColumn = null;
            int? messageColumn = null;
            for (var c = 1; c <= lastColumn; c++)
            {
                var header = ws.Cell(1, c).HasFormula ? "" : ws.Cell(1, c).GetString();
                var key = ImportLayout.HeaderKey(header);
                if (key == ImportLayout.HeaderKey(ImportLayout.StatusHeader))
                {
                    statusColumn = c;
                }
                else if (key == ImportLayout.HeaderKey(ImportLayout.MessageHeader))
                {
                    messageColumn = c;
                }
                else if (sheet.ForHeader(header) is { } column)
                {
                    columns[column.Key] = c;
                }
            }

            statusColumn ??= ++lastColumn;
            messageColumn ??= ++lastColumn;
            Header(ws.Cell(1, statusColumn.Value), ImportLayout.StatusHeader, 18);
            Header(ws.Cell(1, messageColumn.Value), ImportLayout.MessageHeader, 80);

            // A checked copy uploaded again: last time's highlights and outcomes are cleared first.
            var lastRow = ws.LastRowUsed()?.RowNumber() ?? 1;
            for (var r = 2; r <= lastRow; r++)
            {
                foreach (var c in columns.Values.Where(c => ws.Cell(r, c).Style.Fill.BackgroundColor == BadCell))
                {
                    ws.Cell(r, c).Style.Fill.BackgroundColor = XLColor.NoColor;
                }

                ws.Cell(r, statusColumn.Value).Clear();
                ws.Cell(r, messageColumn.Value).Clear();
            }

            foreach (var outcome in outcomes.Where(o => o.Sheet == sheet.Name))
            {
                var status = ws.Cell(outcome.RowNumber, statusColumn.Value);
                status.SetValue(outcome.Status.Words());
                status.Style.Fill.BackgroundColor = outcome.Status is ImportRowStatus.Error or ImportRowStatus.Duplicate ? ProblemFill : ReadyFill;
                ws.Cell(outcome.RowNumber, messageColumn.Value).SetValue(outcome.Message);
                foreach (var bad in outcome.BadColumns)
                {
                    if (columns.TryGetValue(bad, out var c))
                    {
                        ws.Cell(outcome.RowNumber, c).Style.Fill.BackgroundColor = BadCell;
                    }
                }
            }
        }

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Workbooks from other programs (openpyxl, LibreOffice) may leave a fill's pattern type out, which is valid but makes
    /// ClosedXML 0.95 fail when it saves: such fills are given the pattern "none" they mean.
    /// </summary>
    private static byte[] SaveableByClosedXml(byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var styles = document.WorkbookPart?.WorkbookStylesPart?.Stylesheet;
            var loose = styles?.Fills?.Elements<DocumentFormat.OpenXml.Spreadsheet.Fill>()
                .Select(f => f.PatternFill).Where(p => p is not null && p.PatternType is null).ToList() ?? [];
            if (loose.Count == 0)
            {
                return content;
            }

            foreach (var pattern in loose)
            {
                pattern!.PatternType = DocumentFormat.OpenXml.Spreadsheet.PatternValues.None;
            }

            styles!.Save();
        }

        return stream.ToArray();
    }

    private static void Header(IXLCell cell, string text, double width)
    {
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
        cell.WorksheetColumn().Width = width;
    }

    private static IXLRange WriteList(IXLWorksheet notes, int column, string title, IReadOnlyList<string> values)
    {
        notes.Cell(1, column).SetValue(title).Style.Font.Bold = true;
        for (var i = 0; i < values.Count; i++)
        {
            notes.Cell(i + 2, column).SetValue(values[i]);
        }

        notes.Column(column).Width = 18;
        return notes.Range(2, column, values.Count + 1, column);
    }

    private static void Example(IXLWorksheet ws, ImportSheet sheet, Dictionary<string, object> values)
    {
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            if (!values.TryGetValue(sheet.Columns[i].Key, out var value))
            {
                continue;
            }

            var cell = ws.Cell(2, i + 1);
            SetCell(cell, value);
            cell.Style.Font.Italic = true;
            cell.Style.Font.FontColor = XLColor.Gray;
        }
    }

    /// <summary>Writes a value as the cell type people would type: a date, a number or text.</summary>
    internal static void SetCell(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                cell.Clear(XLClearOptions.Contents);
                break;
            case DateTime d:
                cell.SetValue(d);
                break;
            case DateOnly d:
                cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
                break;
            case decimal m:
                cell.SetValue(m);
                break;
            case int n:
                cell.SetValue(n);
                break;
            default:
                cell.SetValue(value.ToString());
                break;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
