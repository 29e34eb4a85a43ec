namespace CustomerManager.Domain.Imports;

public enum DataImportStatus
{
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>One confirmed import: who ran it, when, what it counted, and the annotated workbook of its outcome.</summary>
public class DataImport
{
    public const int FileNameMaxLength = 200;
    public const int MessageMaxLength = 500;

    public int Id { get; private set; }

    public string FileName { get; private set; } = "";

    public string? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public DateTime StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public DataImportStatus Status { get; private set; } = DataImportStatus.Running;

    public int Rows { get; private set; }

    public int Imported { get; private set; }

    public int AlreadyImported { get; private set; }

    /// <summary>Rows left out: errors and unconfirmed likely duplicates.</summary>
    public int NotImported { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The uploaded workbook with each row's outcome (status and message columns, bad cells highlighted).</summary>
    public byte[] AnnotatedWorkbook { get; private set; } = [];

    private DataImport()
    {
    }

    public DataImport(string fileName, string? userId, string userName, int rows, DateTime startedAtUtc)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        FileName = name.Length == 0 ? "import.xlsx" : name.Length > FileNameMaxLength ? name[..FileNameMaxLength] : name;
        UserId = userId;
        UserName = userName;
        Rows = rows;
        StartedAtUtc = startedAtUtc;
    }

    public void Finish(DataImportStatus status, ImportCounts counts, string? message, byte[] annotated, DateTime finishedAtUtc)
    {
        if (Status != DataImportStatus.Running)
        {
            throw new InvalidOperationException($"Import {Id} has already finished.");
        }

        Status = status;
        Imported = counts.Imported;
        AlreadyImported = counts.AlreadyImported;
        NotImported = counts.Rows - counts.Imported - counts.AlreadyImported;
        Message = message is null ? null : message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        AnnotatedWorkbook = annotated;
        FinishedAtUtc = finishedAtUtc;
    }
}
