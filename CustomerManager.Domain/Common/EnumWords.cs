namespace CustomerManager.Domain.Common;

/// <summary>
/// Code names as people say them: <c>SaleOnAccount</c> → "Sale on account", <c>AdminFee</c> → "Admin fee",
/// <c>OnHold</c> → "On hold", <c>BankTransfer</c> → "Bank transfer". One rule for pages, PDFs and exports.
/// </summary>
public static class EnumWords
{
    /// <summary>Members that are abbreviations, written in capitals (CustomerType.Ngo → "NGO").</summary>
    private static readonly HashSet<string> Acronyms = ["Ngo"];

    public static string Words(this Enum value)
    {
        var name = value.ToString();
        if (name.Contains(',', StringComparison.Ordinal) || name.Length == 0 || char.IsAsciiDigit(name[0]) || name[0] == '-')
        {
            // Flags or a number that is no member: shown as it is rather than guessed at.
            return name;
        }

        if (Acronyms.Contains(name))
        {
            return name.ToUpperInvariant();
        }

        var words = TextRules.Words(name);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The words of <paramref name="value"/>, or "" when there is none.</summary>
    public static string Words<T>(this T? value)
        where T : struct, Enum => value is { } v ? v.Words() : "";
}
