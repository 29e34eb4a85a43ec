namespace CustomerManager.Domain.Common;

/// <summary>
/// Free text typed by people: trimmed, and refused with a message naming the field and its limit when longer than the
/// model stores (SQLite would keep any length; SQL Server would fail the save).
/// </summary>
public static partial class TextRules
{
    /// <summary>The trimmed text, or null when blank.</summary>
    public static string? Optional(string? value, int maxLength, string what, string field)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > maxLength ? throw TooLong(what, maxLength, text.Length, field) : text;
    }

    /// <summary>The trimmed text; refused when blank.</summary>
    public static string Required(string? value, int maxLength, string what, string field) =>
        Optional(value, maxLength, what, field)
        ?? throw new DomainException($"Enter the {what} (at most {maxLength} characters).", field);

    /// <summary>"EmployerContact" → "employer contact", "Reference1Name" → "reference 1 name": a field as people say it.</summary>
    public static string Words(string field) => WordStart().Replace(field, " ").ToLowerInvariant();

    public static DomainException TooLong(string what, int maxLength, int length, string field) =>
        new($"The {what} can be at most {maxLength:N0} characters (it has {length:N0}).", field);

    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial System.Text.RegularExpressions.Regex WordStart();
}
