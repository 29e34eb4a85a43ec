using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CustomerManager.Domain.Subscriptions;

namespace CustomerManager.Web.Imports;

/// <summary>A usage file read into text cells: the header and the data rows, or why it could not be read.</summary>
public sealed record UsageFileContent(IReadOnlyList<string> Header, IReadOnlyList<UsageFileRow> Rows, string? Problem);

/// <summary>
/// Reads a usage file (issue 19) as text cells for <see cref="UsageFile"/>: a .csv (comma or semicolon separated,
/// quotes allowed, UTF-8) or the first sheet of an .xlsx through ClosedXML. Dates in Excel cells become yyyy-MM-dd and
/// numbers are written with a dot, so the checks are the same for both kinds of file.
/// </summary>
public static class UsageFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static UsageFileContent Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            return new([], [], "The file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return new([], [], $"The file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ReadCsv(content),
            ".xlsx" => ReadWorkbook(content),
            _ => new([], [], "Upload a .csv or .xlsx file."),
        };
    }

    /// <summary>A CSV with the columns and rows given (the template and the tests write files this way).</summary>
    public static byte[] WriteCsv(IEnumerable<IReadOnlyList<string>> rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", new[] { UsageFile.Columns }.Concat(rows)
            .Select(r => string.Join(",", r.Select(c => c.Contains(',', StringComparison.Ordinal) || c.Contains('"', StringComparison.Ordinal) ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c)))) + "\r\n");

    private static UsageFileContent ReadCsv(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return new([], [], "The file is empty.");
        }

        var separator = lines[0].Count(c => c == ';') > lines[0].Count(c => c == ',') ? ';' : ',';
        var rows = new List<UsageFileRow>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                rows.Add(new UsageFileRow(i + 1, Split(lines[i], separator)));
            }
        }

        return new(Split(lines[0], separator), rows, null);
    }

    private static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static UsageFileContent ReadWorkbook(byte[] content)
    {
        XLWorkbook book;
        try
        {
            book = new XLWorkbook(new MemoryStream(content, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new([], [], "The file could not be read as an Excel workbook (it may be damaged). Save it again as .xlsx or as .csv.");
        }

        using (book)
        {
            var sheet = book.Worksheets.First();
            var used = sheet.RangeUsed();
            if (used is null)
            {
                return new([], [], "The first sheet is empty.");
            }

            var lastColumn = used.LastColumn().ColumnNumber();
            List<string> Cells(IXLRow row) => Enumerable.Range(1, lastColumn).Select(c => Text(row.Cell(c))).ToList();
            var header = Cells(sheet.Row(1));
            var rows = new List<UsageFileRow>();
            for (var r = 2; r <= used.LastRow().RowNumber(); r++)
            {
                var cells = Cells(sheet.Row(r));
                if (cells.Any(c => c.Length > 0))
                {
                    rows.Add(new UsageFileRow(r, cells));
                }
            }

            return new(header, rows, null);
        }
    }

    private static string Text(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            return "=" + cell.FormulaA1;
        }

        return cell.DataType switch
        {
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => cell.GetString(),
        };
    }
}
