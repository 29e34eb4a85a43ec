using System.Globalization;

namespace CustomerManager.Domain.Common;

/// <summary>
/// Reads an amount a person typed, exactly or not at all (issue 11: a numeric box once read "1,50" as 150.00 and
/// "1e30" as 130.00). Digits with at most one decimal separator and two decimals; thousands grouped in threes by a
/// space, or by the other of ',' and '.'. Which of ',' and '.' may be a decimal separator comes from the business's
/// culture: where the culture groups with a space (en-ZA, fr-FR) either may be, so a lone separator followed by
/// exactly three digits ("1,500") is ambiguous and refused; where it groups with ',' (en-US) or '.' (de-DE) that one
/// only groups. Signs, currency symbols, exponents and hexadecimal are refused with a message saying what to type.
/// </summary>
public sealed class MoneyParser
{
    private const string Example = "Type the amount in digits, e.g. 1500 or 1 500,50.";

    private readonly char[] decimalSeparators;
    private readonly char groupOnlySeparator;

    public MoneyParser(CultureInfo culture)
    {
        Culture = culture;
        var format = culture.NumberFormat;
        var group = format.NumberGroupSeparator.Length == 1 ? format.NumberGroupSeparator[0] : ' ';
        var dec = format.NumberDecimalSeparator.Length == 1 ? format.NumberDecimalSeparator[0] : '.';
        if (group is ',' or '.')
        {
            groupOnlySeparator = group;
            decimalSeparators = [dec];
        }
        else
        {
            groupOnlySeparator = '\0';
            decimalSeparators = [',', '.'];
        }
    }

    /// <summary>The culture amounts are shown in (grouping and decimal separator).</summary>
    public CultureInfo Culture { get; }

    public static MoneyParser For(string cultureName) => new(CultureInfo.GetCultureInfo(cultureName));

    /// <summary>The amount formatted the way the business reads it, e.g. "1 500,50" under en-ZA.</summary>
    public string Format(decimal amount) => Money.Round(amount).ToString("N2", Culture);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in words for the user.</summary>
    public bool TryParse(string? text, out decimal amount, out string? error)
    {
        amount = 0m;
        error = null;
        var s = (text ?? "").Trim();
        if (s.Length == 0)
        {
            error = "Enter an amount.";
            return false;
        }

        // Every character must be a digit, a space (of any width) or ',' / '.'; anything else is named.
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && !IsSpace(c) && c is not (',' or '.'))
            {
                error = c switch
                {
                    '-' or '+' => "Enter the amount without a sign.",
                    'e' or 'E' => "Exponents are not amounts. " + Example,
                    'x' or 'X' => "Hexadecimal is not an amount. " + Example,
                    _ when char.IsLetter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol =>
                        "Leave out the currency and any letters. " + Example,
                    _ => $"'{c}' is not part of an amount. " + Example,
                };
                return false;
            }
        }

        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]))
        {
            error = "An amount starts and ends with a digit. " + Example;
            return false;
        }

        var decimalIndex = FindDecimalSeparator(s, out var ambiguous);
        if (ambiguous)
        {
            error = $"\"{s}\" could be read two ways. Type it without the thousands separator (e.g. 1500) or with cents (e.g. 1500.00).";
            return false;
        }

        var integerPart = decimalIndex < 0 ? s : s[..decimalIndex];
        var fraction = decimalIndex < 0 ? "" : s[(decimalIndex + 1)..];
        if (fraction.Any(c => !char.IsAsciiDigit(c)))
        {
            error = "Only one decimal separator, with the cents after it. " + Example;
            return false;
        }

        if (fraction.Length > 2)
        {
            error = "An amount has at most two decimals (cents).";
            return false;
        }

        if (!TryReadGroupedDigits(integerPart, out var digits))
        {
            error = "Thousands are grouped in threes (1 500 000 or 1,500,000). " + Example;
            return false;
        }

        if (digits.Length > 15)
        {
            error = "That amount is too large.";
            return false;
        }

        amount = decimal.Parse(fraction.Length == 0 ? digits : digits + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// The index of the decimal separator, or -1. With both ',' and '.' present the last one is the decimal separator.
    /// A single separator that this culture does not reserve for grouping is decimal unless it occurs more than once
    /// (then it groups) or is followed by exactly three digits with nothing else to decide (ambiguous).
    /// </summary>
    private int FindDecimalSeparator(string s, out bool ambiguous)
    {
        ambiguous = false;
        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            var last = Math.Max(lastComma, lastDot);
            return s[last] == groupOnlySeparator ? -1 : last;
        }

        var index = Math.Max(lastComma, lastDot);
        if (index < 0)
        {
            return -1;
        }

        var separator = s[index];
        if (separator == groupOnlySeparator || !decimalSeparators.Contains(separator))
        {
            return -1;
        }

        if (s.IndexOf(separator) != index)
        {
            // Occurs more than once: it can only be grouping ("1,500,000"); the grouping check decides.
            return -1;
        }

        var after = s.Length - index - 1;
        if (after == 3 && groupOnlySeparator == '\0' && !s.Any(IsSpace))
        {
            ambiguous = true;
        }

        return after == 3 && s.Any(IsSpace) ? -1 : index;
    }

    /// <summary>Digits with an optional single kind of thousands separator, groups of three after the first.</summary>
    private static bool TryReadGroupedDigits(string integerPart, out string digits)
    {
        digits = "";
        var separators = integerPart.Where(c => !char.IsAsciiDigit(c)).Select(c => IsSpace(c) ? ' ' : c).Distinct().ToList();
        if (separators.Count == 0)
        {
            digits = integerPart;
            return true;
        }

        if (separators.Count > 1)
        {
            return false;
        }

        var groups = SplitOnNonDigits(integerPart);
        if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
        {
            return false;
        }

        digits = string.Concat(groups);
        return true;
    }

    private static List<string> SplitOnNonDigits(string s)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                parts.Add(s[start..i]);
                start = i + 1;
            }
        }

        parts.Add(s[start..]);
        return parts;
    }

    private static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009';
}
