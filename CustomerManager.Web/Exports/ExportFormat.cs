using System.Globalization;

namespace CustomerManager.Web.Exports;

public enum ExportFormat
{
    Excel,
    Pdf,
}

/// <summary>Writes a whole export to a stream; returns the number of data rows written.</summary>
public interface ITableWriter
{
    ExportFormat Format { get; }

    string Extension { get; }

    string ContentType { get; }

    /// <param name="progress">Told the number of rows written so far, every few hundred rows and at the end.</param>
    Task<int> WriteAsync(ITabularExport export, Stream output, IProgress<int>? progress, CancellationToken cancellationToken);
}

/// <summary>Cell values as both writers read them: numbers for sums, dates as DateTime, text as shown in a PDF.</summary>
internal static class ExportValues
{
    public const int ProgressEvery = 250;

    /// <summary>Progress is told for each of the first rows (a small export shows real counts), then every few hundred.</summary>
    public static bool ShouldReport(int rowsWritten) => rowsWritten <= 100 || rowsWritten % ProgressEvery == 0;

    public static string FileName(ITabularExport export, ITableWriter writer, DateOnly today) =>
        $"{export.FileStem}-{(export.FileDate ?? today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{writer.Extension}";

    public static decimal? Number(object? value) => value switch
    {
        null => null,
        decimal d => d,
        int i => i,
        long l => l,
        double d => (decimal)d,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    public static DateTime? Date(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime d => d,
        DateTimeOffset d => d.UtcDateTime,
        _ => throw new ArgumentException($"A date column got a {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Adds each numeric cell of the row to the sums.</summary>
    public static void Accumulate(IReadOnlyList<ExportColumn> columns, object?[] row, ColumnSums sums)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].IsNumeric && Number(row[i]) is { } n)
            {
                sums.Add(i, n);
            }
        }
    }

    /// <summary>The totals row's value of a column: its sum, its computed total, or nothing.</summary>
    public static decimal? Total(ExportColumn column, int index, ColumnSums sums) =>
        column.ComputedTotal is { } computed ? computed(sums) : column.Sum ? sums[index] : null;

    /// <summary>A value as text the way the PDF shows it (invariant culture, 2 decimals for money).</summary>
    public static string Display(ExportColumn column, object? value) => column.DateFormat == ExportDateFormat.Month && value is not null
        ? Date(value)!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : Display(column.Type, value);

    public static string Display(ExportColumnType type, object? value) => value is null ? "" : type switch
    {
        ExportColumnType.Money => Number(value)!.Value.ToString("N2", CultureInfo.InvariantCulture),
        ExportColumnType.Number => Number(value)!.Value.ToString("N0", CultureInfo.InvariantCulture),
        ExportColumnType.Percent => (Number(value)!.Value * 100m).ToString("N1", CultureInfo.InvariantCulture) + " %",
        ExportColumnType.Date => Date(value)!.Value is { TimeOfDay.Ticks: 0 } day
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Date(value)!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Text without the control characters XML cannot carry (tab and line breaks are kept).</summary>
    public static string Clean(string text)
    {
        // Almost all text has no control character at all: one vectorised scan says so.
        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0)
        {
            return text;
        }

        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                return string.Concat(text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r'));
            }
        }

        return text;
    }
}
