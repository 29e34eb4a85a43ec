using System.Globalization;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>One data row of a usage file as text, with its line number (the header is line 1).</summary>
public sealed record UsageFileRow(int Line, IReadOnlyList<string> Cells);

/// <summary>A usage row that passed every check, for the subscription it names.</summary>
public sealed record UsageFileEntry(int Line, string SubscriptionNumber, UsageInput Usage);

/// <summary>
/// The usage file (CSV or Excel, issue 19): one row per subscription and month with the columns <see cref="Columns"/>
/// in this order; numbers are plain (a dot for decimals, no units: the units are in the column names); the month is
/// written yyyy-MM. <see cref="Read"/> checks the header and every cell and reports every problem with its line and
/// column, so nothing is written until the whole file is right.
/// </summary>
public static class UsageFile
{
    public static readonly IReadOnlyList<string> Columns =
        ["SubscriptionNumber", "Month", "DataUsedGb", "AverageSpeedMbps", "UptimePercent", "MostUsedOtt", "PeakHours"];

    public const int MaxRows = 50_000;

    /// <summary>The checked rows, or the problems ("Line 3, DataUsedGb: ..."); never both.</summary>
    public static (IReadOnlyList<UsageFileEntry> Entries, IReadOnlyList<string> Problems) Read(
        IReadOnlyList<string> header, IReadOnlyList<UsageFileRow> rows, DateOnly today)
    {
        var problems = new List<string>();
        var names = header.Select(h => h.Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }

        if (!names.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            var missing = Columns.Where(c => !names.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            var unknown = names.Where(n => !Columns.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            var detail = string.Join("; ", new[]
            {
                missing.Count > 0 ? "missing " + string.Join(", ", missing) : null,
                unknown.Count > 0 ? "unknown " + string.Join(", ", unknown.Select(u => $"\"{u}\"")) : null,
            }.OfType<string>());
            problems.Add($"The columns must be {string.Join(", ", Columns)} in this order{(detail.Length > 0 ? $" ({detail})" : " (they are in another order)")}.");
            return ([], problems);
        }

        if (rows.Count == 0)
        {
            return ([], ["The file has no rows under its header."]);
        }

        if (rows.Count > MaxRows)
        {
            return ([], [$"A usage file can have at most {MaxRows:N0} rows; this one has {rows.Count:N0}."]);
        }

        var entries = new List<UsageFileEntry>();
        var seen = new Dictionary<(string, DateOnly), int>();
        foreach (var row in rows)
        {
            string Cell(int i) => i < row.Cells.Count ? row.Cells[i].Trim() : "";
            var before = problems.Count;
            var number = Cell(0).ToUpperInvariant();
            if (number.Length == 0)
            {
                problems.Add($"Line {row.Line}, SubscriptionNumber: empty.");
            }

            DateOnly? month = null;
            if (DateOnly.TryParseExact(Cell(1), ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                month = new DateOnly(m.Year, m.Month, 1);
            }
            else
            {
                problems.Add($"Line {row.Line}, Month: \"{Cell(1)}\" is not a month written yyyy-MM (e.g. 2026-10).");
            }

            var data = Number(row.Line, "DataUsedGb", Cell(2), "GB", problems);
            var speed = Number(row.Line, "AverageSpeedMbps", Cell(3), "Mbps", problems);
            var uptime = Number(row.Line, "UptimePercent", Cell(4), "%", problems);
            if (problems.Count > before || month is not { } firstDay)
            {
                continue;
            }

            var usage = new UsageInput(firstDay, data!.Value, speed!.Value, uptime!.Value, Cell(5) is { Length: > 0 } ott ? ott : null,
                Cell(6) is { Length: > 0 } peak ? peak : null);
            try
            {
                UsageRecord.Validate(usage, today);
            }
            catch (DomainException e)
            {
                problems.Add($"Line {row.Line}, {e.Field}: {e.Message}");
                continue;
            }

            if (seen.TryGetValue((number, firstDay), out var first))
            {
                problems.Add($"Line {row.Line}: {number} for {firstDay:yyyy-MM} is also on line {first}.");
                continue;
            }

            seen[(number, firstDay)] = row.Line;
            entries.Add(new UsageFileEntry(row.Line, number, usage));
        }

        return problems.Count > 0 ? ([], problems) : (entries, []);
    }

    private static decimal? Number(int line, string column, string text, string unit, List<string> problems)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < 0)
            {
                problems.Add($"Line {line}, {column}: {text} is negative.");
                return null;
            }

            return value;
        }

        problems.Add(text.Length == 0
            ? $"Line {line}, {column}: empty."
            : char.IsAsciiDigit(text.FirstOrDefault()) && text.Any(char.IsLetter)
                ? $"Line {line}, {column}: \"{text}\" has a unit; write the number of {unit} alone (e.g. 12.5)."
                : $"Line {line}, {column}: \"{text}\" is not a number (use a dot for decimals).");
        return null;
    }
}
