using System.Runtime.CompilerServices;

namespace CustomerManager.Web.Exports;

/// <summary>What a column holds, which decides how each writer formats it (Excel number formats, PDF text and alignment).</summary>
public enum ExportColumnType
{
    /// <summary>A string (null: empty cell).</summary>
    Text,

    /// <summary>A whole number (int, long or decimal), e.g. a count.</summary>
    Number,

    /// <summary>A decimal amount in the business currency.</summary>
    Money,

    /// <summary>A <see cref="DateOnly"/> or <see cref="DateTime"/>.</summary>
    Date,

    /// <summary>A fraction (0.25 is 25 %).</summary>
    Percent,
}

/// <summary>How a date column shows its dates (the cell is a real date either way).</summary>
public enum ExportDateFormat
{
    Day,

    /// <summary>The month only (yyyy-mm): a month's figures, the value being its first day.</summary>
    Month,
}

/// <summary>A filter the rows were chosen by, written above the table ("Division: Hardware").</summary>
public sealed record ExportFilter(string Label, string Value);

/// <summary>The sums of every numeric column so far, by column index (0 for text and date columns).</summary>
public sealed class ColumnSums(int columns)
{
    private readonly decimal[] sums = new decimal[columns];

    public decimal this[int column] => sums[column];

    internal void Add(int column, decimal value) => sums[column] += value;
}

/// <summary>
/// A column of an export. The totals row shows the column's sum when <see cref="Sum"/> is set, or the value
/// <see cref="ComputedTotal"/> derives from the column sums (e.g. a utilisation percentage = balance sum / limit sum).
/// </summary>
public sealed record ExportColumn(string Title, ExportColumnType Type, double Width)
{
    public bool Sum { get; init; }

    public Func<ColumnSums, decimal?>? ComputedTotal { get; init; }

    /// <summary>Date columns: the values carry a time of day worth showing.</summary>
    public bool IncludesTime { get; init; }

    /// <summary>Date columns: show the day (default) or only the month.</summary>
    public ExportDateFormat DateFormat { get; init; }

    public bool IsNumeric => Type is ExportColumnType.Number or ExportColumnType.Money or ExportColumnType.Percent;

    public bool HasTotal => Sum || ComputedTotal is not null;
}

/// <summary>
/// A table to export: a title, the filters it was made with, typed columns, an optional totals row, and rows streamed
/// (usually straight from the database) so an export of any size holds one row at a time.
/// </summary>
public interface ITabularExport
{
    string Title { get; }

    /// <summary>What the file name says first: "aging" gives aging-2026-11-30.xlsx.</summary>
    string FileStem { get; }

    /// <summary>The date the file name carries: the report's as-of date; null for the day the file is made.</summary>
    DateOnly? FileDate { get; }

    /// <summary>ISO code shown with money (Excel currency format, PDF headings); null for none.</summary>
    string? Currency { get; }

    IReadOnlyList<ExportFilter> Filters { get; }

    IReadOnlyList<ExportColumn> Columns { get; }

    /// <summary>How many rows to expect, for the progress bar (null when not known in advance).</summary>
    int? ExpectedRows { get; }

    bool HasTotals => Columns.Any(c => c.HasTotal);

    /// <summary>
    /// The rows, one value per column in column order (see <see cref="ExportColumnType"/> for the types). The array may
    /// be reused for the next row: read it before moving on.
    /// </summary>
    IAsyncEnumerable<object?[]> RowsAsync(CancellationToken cancellationToken);
}

/// <summary>An export of <typeparamref name="TRow"/> records, its columns declared with a value accessor each.</summary>
public sealed class TabularExport<TRow>(
    string title, string fileStem, Func<CancellationToken, IAsyncEnumerable<TRow>> rows) : ITabularExport
{
    private readonly List<ExportColumn> columns = [];
    private readonly List<Func<TRow, object?>> values = [];
    private readonly List<ExportFilter> filters = [];

    public string Title { get; } = title;

    public string FileStem { get; } = fileStem;

    public DateOnly? FileDate { get; init; }

    public string? Currency { get; init; }

    public int? ExpectedRows { get; init; }

    public IReadOnlyList<ExportFilter> Filters => filters;

    public IReadOnlyList<ExportColumn> Columns => columns;

    /// <summary>Adds a filter line; an empty value reads "All".</summary>
    public TabularExport<TRow> Filter(string label, string? value)
    {
        filters.Add(new ExportFilter(label, string.IsNullOrWhiteSpace(value) ? "All" : value));
        return this;
    }

    public TabularExport<TRow> Text(string title, Func<TRow, string?> value, double width = 20) =>
        Add(new ExportColumn(title, ExportColumnType.Text, width), r => value(r));

    public TabularExport<TRow> Number(string title, Func<TRow, long?> value, bool sum = false, double width = 10) =>
        Add(new ExportColumn(title, ExportColumnType.Number, width) { Sum = sum }, r => value(r));

    public TabularExport<TRow> Money(string title, Func<TRow, decimal?> value, bool sum = true, double width = 14) =>
        Add(new ExportColumn(title, ExportColumnType.Money, width) { Sum = sum }, r => value(r));

    public TabularExport<TRow> Date(string title, Func<TRow, DateOnly?> value, double width = 12) =>
        Add(new ExportColumn(title, ExportColumnType.Date, width), r => value(r));

    public TabularExport<TRow> DateTime(string title, Func<TRow, DateTime?> value, double width = 17) =>
        Add(new ExportColumn(title, ExportColumnType.Date, width) { IncludesTime = true }, r => value(r));

    /// <summary>A month as a real date cell (its first day) shown as yyyy-mm.</summary>
    public TabularExport<TRow> Month(string title, Func<TRow, DateOnly?> value, double width = 10) =>
        Add(new ExportColumn(title, ExportColumnType.Date, width) { DateFormat = ExportDateFormat.Month },
            r => value(r) is { } d ? new DateOnly(d.Year, d.Month, 1) : null);

    /// <param name="total">The totals row's value from the column sums, e.g. <c>s =&gt; s[4] / s[3]</c>.</param>
    public TabularExport<TRow> Percent(string title, Func<TRow, decimal?> value, Func<ColumnSums, decimal?>? total = null, double width = 10) =>
        Add(new ExportColumn(title, ExportColumnType.Percent, width) { ComputedTotal = total }, r => value(r));

    public async IAsyncEnumerable<object?[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new object?[columns.Count];
        await foreach (var row in rows(cancellationToken).WithCancellation(cancellationToken))
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = values[i](row);
            }

            yield return buffer;
        }
    }

    private TabularExport<TRow> Add(ExportColumn column, Func<TRow, object?> value)
    {
        columns.Add(column);
        values.Add(value);
        return this;
    }
}

/// <summary>Rows already in memory (a report computed in full, a grid's client-side view) as an export source.</summary>
public static class ExportRows
{
    public static Func<CancellationToken, IAsyncEnumerable<T>> From<T>(IEnumerable<T> rows) => cancellationToken => Yield(rows, cancellationToken);

    /// <summary>Rows a service loads in full when the export runs (short lists: the service checks the role then).</summary>
    public static Func<CancellationToken, IAsyncEnumerable<T>> Loaded<T>(Func<CancellationToken, Task<IReadOnlyList<T>>> load) =>
        cancellationToken => YieldLoaded(load, cancellationToken);

    private static async IAsyncEnumerable<T> YieldLoaded<T>(
        Func<CancellationToken, Task<IReadOnlyList<T>>> load, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Yield(await load(cancellationToken), cancellationToken))
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<T> Yield<T>(IEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }
}
