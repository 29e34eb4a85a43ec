namespace CustomerManager.Domain.Imports;

/// <summary>Limits of the import (configuration section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>ClosedXML loads the whole workbook: bigger files are refused with a message that says how to split them.</summary>
    public long MaxFileBytes { get; set; } = 16 * 1024 * 1024;

    public int MaxRows { get; set; } = 100_000;

    /// <summary>Customers (with their balances and laybys) saved per transaction: a batch is saved whole or not at all.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The format a kept customer number must have (never this system's own UCST series).</summary>
    public string PreservedNumberPattern { get; set; } = ImportRules.DefaultPreservedNumberPattern;

    public string SizeLimitText => $"{MaxFileBytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>The message for a file over the limit: how big it is and how to split it.</summary>
    public string TooLarge(long bytes) =>
        $"The file is {bytes / (1024.0 * 1024.0):0.0} MB; the import takes files of at most {SizeLimitText} and {MaxRows:N0} rows. " +
        "Split it into several workbooks with the same sheets and headers (e.g. by range of external numbers), keeping each " +
        "customer's opening balances and laybys in the same file as the customer, and import them one after the other.";
}

/// <summary>How far an import has gone: rows done of the total, and how many of them were imported.</summary>
public sealed record ImportProgress(int Done, int Total, int Imported);

/// <summary>
/// The dry run's result: the file's problems or each row's outcome, with the annotated copy. Kept on the server between
/// the dry run and the user's confirmation; the import takes only its Ready rows.
/// </summary>
public sealed class ImportCheck
{
    internal ImportCheck(string fileName, string userName, IReadOnlyList<string> problems, List<ImportRowOutcome> outcomes, byte[] content)
    {
        FileName = fileName;
        UserName = userName;
        Problems = problems;
        MutableOutcomes = outcomes;
        Content = content;
    }

    public string FileName { get; }

    public string UserName { get; }

    /// <summary>Problems of the file as a whole (not a workbook, columns missing, too big...): then no row is checked.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<ImportRowOutcome> Outcomes => MutableOutcomes;

    public ImportCounts Counts => ImportCounts.Of(MutableOutcomes);

    public byte[] Annotated { get; internal set; } = [];

    public bool CanImport => Problems.Count == 0 && Counts.Ready > 0 && !Imported;

    /// <summary>Set once imported: the same check is not imported twice (a new upload is checked again).</summary>
    public bool Imported { get; internal set; }

    /// <summary>The first problems to show on screen: file problems, then rows that are not ready, in sheet order.</summary>
    public IReadOnlyList<ImportRowOutcome> FirstProblems(int count) =>
        MutableOutcomes.Where(o => o.Status is ImportRowStatus.Error or ImportRowStatus.Duplicate).Take(count).ToList();

    internal byte[] Content { get; }

    internal List<ImportRowOutcome> MutableOutcomes { get; }

    internal List<CustomerImportRow> Customers { get; } = [];

    internal List<BalanceImportRow> Balances { get; } = [];

    internal List<LaybyImportRow> Laybys { get; } = [];

    /// <summary>For rows of existing customers: the customer's id by <see cref="ImportCustomerRef.Key"/>.</summary>
    internal Dictionary<string, int> ExistingCustomerIds { get; } = [];

    /// <summary>Existing customers a ready row was confirmed as "not a duplicate" of, to remember as dismissals.</summary>
    internal Dictionary<ImportRow, List<int>> DismissedDuplicates { get; } = [];

    internal void SetOutcome(ImportRow row, ImportRowStatus status, string message, IReadOnlyList<string>? badColumns = null)
    {
        var outcome = new ImportRowOutcome(row.Sheet, row.RowNumber, status, message, badColumns ?? []);
        SetIndex();
        if (outcomeIndex.TryGetValue((row.Sheet, row.RowNumber), out var index))
        {
            MutableOutcomes[index] = outcome;
        }
        else
        {
            outcomeIndex[(row.Sheet, row.RowNumber)] = MutableOutcomes.Count;
            MutableOutcomes.Add(outcome);
        }
    }

    internal ImportRowStatus? StatusOf(ImportRow row)
    {
        SetIndex();
        return outcomeIndex.TryGetValue((row.Sheet, row.RowNumber), out var i) ? MutableOutcomes[i].Status : null;
    }

    /// <summary>Puts the outcomes in sheet and row order (the index of rows to outcomes is rebuilt).</summary>
    internal void SortOutcomes(Comparison<ImportRowOutcome> order)
    {
        MutableOutcomes.Sort(order);
        outcomeIndex.Clear();
    }

    private void SetIndex()
    {
        if (outcomeIndex.Count != MutableOutcomes.Count)
        {
            outcomeIndex.Clear();
            for (var i = 0; i < MutableOutcomes.Count; i++)
            {
                outcomeIndex[(MutableOutcomes[i].Sheet, MutableOutcomes[i].RowNumber)] = i;
            }
        }
    }

    private readonly Dictionary<(string Sheet, int Row), int> outcomeIndex = [];
}

/// <summary>What an import did.</summary>
public sealed record ImportResult(int ImportId, DataImportStatus Status, ImportCounts Counts, string? Message);

public sealed record DataImportSummary(
    int Id, string FileName, string UserName, DateTime StartedAtUtc, DateTime? FinishedAtUtc, DataImportStatus Status, int Rows,
    int Imported, int AlreadyImported, int NotImported, string? Message);
