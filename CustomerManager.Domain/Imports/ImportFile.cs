namespace CustomerManager.Domain.Imports;

/// <summary>One cell as read from the workbook: text, a number or a date, and whether it held a formula.</summary>
public sealed record ImportCell(string? Text = null, double? Number = null, DateTime? Date = null, bool IsFormula = false)
{
    public bool IsBlank => !IsFormula && string.IsNullOrWhiteSpace(Text) && Number is null && Date is null;
}

/// <summary>A data row of an import sheet: its row number in the workbook and its cells by column key.</summary>
public sealed record ImportRow(string Sheet, int RowNumber, IReadOnlyDictionary<string, ImportCell> Cells)
{
    public ImportCell Cell(string key) => Cells.TryGetValue(key, out var cell) ? cell : Blank;

    private static readonly ImportCell Blank = new();
}

/// <summary>What the reader found: the rows of each known sheet, and problems with the file as a whole.</summary>
public sealed record ImportFile(
    string FileName,
    IReadOnlyDictionary<string, IReadOnlyList<ImportRow>> Rows,
    IReadOnlyList<string> Problems)
{
    public IReadOnlyList<ImportRow> RowsOf(ImportSheet sheet) => Rows.TryGetValue(sheet.Name, out var rows) ? rows : [];

    public int RowCount => Rows.Values.Sum(r => r.Count);

    public static ImportFile Refused(string fileName, string problem) => new(fileName, new Dictionary<string, IReadOnlyList<ImportRow>>(), [problem]);
}

public enum ImportRowStatus
{
    /// <summary>Checked and will be imported when the user confirms.</summary>
    Ready,

    /// <summary>Its key was imported before: importing again changes nothing.</summary>
    AlreadyImported,

    /// <summary>Looks like an existing customer or an earlier row; "yes" in Not a duplicate lets it through.</summary>
    Duplicate,

    Error,

    Imported,
}

/// <summary>The verdict on one row: its status, a message a person can act on, and the columns that are wrong.</summary>
public sealed record ImportRowOutcome(string Sheet, int RowNumber, ImportRowStatus Status, string Message, IReadOnlyList<string> BadColumns);

/// <summary>Counts per outcome, for the screen and the import history.</summary>
public sealed record ImportCounts(int Rows, int Ready, int AlreadyImported, int Duplicates, int Errors, int Imported)
{
    public static ImportCounts Of(IEnumerable<ImportRowOutcome> outcomes)
    {
        var list = outcomes.ToList();
        int Count(ImportRowStatus s) => list.Count(o => o.Status == s);
        return new(list.Count, Count(ImportRowStatus.Ready), Count(ImportRowStatus.AlreadyImported), Count(ImportRowStatus.Duplicate),
            Count(ImportRowStatus.Error), Count(ImportRowStatus.Imported));
    }
}

/// <summary>Reads, writes and annotates import workbooks (ClosedXML in the web project).</summary>
public interface IImportWorkbook
{
    /// <summary>The rows of every sheet, or the file's problems (not a workbook, password-protected, columns missing...).</summary>
    ImportFile Read(string fileName, byte[] content);

    /// <summary>An empty workbook in <see cref="ImportLayout"/>'s layout, with lists for type, division and frequency and an example row.</summary>
    byte[] Template(IReadOnlyList<string> divisionCodes);

    /// <summary>A copy of the uploaded workbook with a status and message column per row and the bad cells highlighted.</summary>
    byte[] Annotate(byte[] content, IReadOnlyList<ImportRowOutcome> outcomes);
}
