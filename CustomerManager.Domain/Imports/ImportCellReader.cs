using System.Globalization;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Imports;

/// <summary>
/// Reads one row's cells as the values the domain takes, collecting every problem with the column it is in (so one
/// pass reports all the bad cells of a row). A formula, a date written as free text, a number where text belongs
/// or text far over the column's limit is a problem of that cell, never a crash.
/// </summary>
public sealed class ImportCellReader(ImportRow row, ImportSheet sheet)
{
    private readonly List<(string Column, string Message)> problems = [];

    public ImportRow Row => row;

    public IReadOnlyList<(string Column, string Message)> Problems => problems;

    public bool HasProblems => problems.Count > 0;

    public void Problem(string column, string message)
    {
        if (problems.All(p => p.Column != column))
        {
            problems.Add((column, message));
        }
    }

    public string? Text(string key)
    {
        var (column, cell) = Get(key);
        if (cell is null)
        {
            return null;
        }

        string? text = cell.Text ?? (cell.Number is { } n ? n.ToString("0.##########", CultureInfo.InvariantCulture)
            : cell.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Missing(column);
        }

        if (column.MaxLength > 0 && text.Length > column.MaxLength)
        {
            Problem(key, $"{column.Header} has {text.Length:N0} characters; at most {column.MaxLength:N0} fit.");
            return null;
        }

        return text;
    }

    public decimal? Amount(string key)
    {
        var (column, cell) = Get(key);
        if (cell is null)
        {
            return null;
        }

        if (cell.Number is { } n)
        {
            return Money.Round((decimal)n);
        }

        if (cell.Text is { } text && !string.IsNullOrWhiteSpace(text))
        {
            var cleaned = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
            if (cleaned.Length <= 20 && decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                return Money.Round(parsed);
            }

            Problem(key, $"{column.Header} is not a number: write an amount such as 1250.50.");
            return null;
        }

        if (cell.Date is not null)
        {
            Problem(key, $"{column.Header} holds a date, not an amount.");
            return null;
        }

        Missing(column);
        return null;
    }

    public int? WholeNumber(string key)
    {
        var amount = Amount(key);
        if (amount is null)
        {
            return null;
        }

        if (amount != Math.Round(amount.Value) || amount is > int.MaxValue or < int.MinValue)
        {
            Problem(key, $"{Get(key).Column.Header} must be a whole number.");
            return null;
        }

        return (int)amount.Value;
    }

    public DateOnly? Date(string key)
    {
        var (column, cell) = Get(key);
        if (cell is null)
        {
            return null;
        }

        if (cell.Date is { } date)
        {
            return DateOnly.FromDateTime(date);
        }

        if (cell.Text is { } text && !string.IsNullOrWhiteSpace(text))
        {
            var trimmed = text.Trim();
            if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return parsed;
            }

            Problem(key, $"{column.Header} is text (\"{Shorten(trimmed)}\"), not a date: make it a date cell or write it yyyy-mm-dd.");
            return null;
        }

        if (cell.Number is not null)
        {
            Problem(key, $"{column.Header} is a plain number, not a date: format the cell as a date.");
            return null;
        }

        Missing(column);
        return null;
    }

    /// <summary>The column and its cell, or a null cell when it is blank (and a problem when it is required) or a formula.</summary>
    private (ImportColumn Column, ImportCell? Cell) Get(string key)
    {
        var column = sheet.Find(key) ?? throw new ArgumentException($"{sheet.Name} has no column {key}.", nameof(key));
        var cell = row.Cell(key);
        if (cell.IsFormula)
        {
            Problem(key, $"{column.Header} is a formula: copy the column and paste it back as values.");
            return (column, null);
        }

        if (cell.IsBlank)
        {
            Missing(column);
            return (column, null);
        }

        return (column, cell);
    }

    private string? Missing(ImportColumn column)
    {
        if (column.Required)
        {
            Problem(column.Key, $"{column.Header} is required.");
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
