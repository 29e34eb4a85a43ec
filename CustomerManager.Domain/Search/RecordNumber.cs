using System.Globalization;
using CustomerManager.Domain.Numbering;

namespace CustomerManager.Domain.Search;

/// <summary>The kinds of record a clerk can open by typing its number.</summary>
public enum RecordKind
{
    Customer,
    Account,
    Layby,
    Receipt,
    Statement,
}

/// <summary>
/// A record number as stored (see <see cref="NumberSequence.Format"/>), read from what a clerk typed: any case, spaces,
/// dashes or nothing between the parts, leading zeros optional. "lay clo 18" is LAY-CLO-000018, "ucst42" UCST-000042,
/// "stm-clo-2026-11-1" STM-CLO-202611-000001.
/// </summary>
public sealed record RecordNumber(RecordKind Kind, string Number)
{
    /// <summary>The longest text worth reading as a number (STM-CLO-202611-000000001 has 25 characters).</summary>
    private const int MaxLength = 40;

    /// <summary>The record's name in messages ("No layby LAY-CLO-000999.").</summary>
    public string KindName => Kind switch
    {
        RecordKind.Account => "account",
        RecordKind.Layby => "layby",
        RecordKind.Receipt => "receipt",
        RecordKind.Statement => "statement",
        _ => "customer",
    };

    public static RecordNumber? Parse(string? text)
    {
        if (Parts(text) is not { } parts)
        {
            return null;
        }

        return parts switch
        {
            [Customers.Customer.NumberPrefix, var n] when Digits(n) is { } value =>
                new(RecordKind.Customer, NumberSequence.Format(Customers.Customer.NumberPrefix, value)),
            [var code, Accounts.DivisionAccount.NumberInfix, var n] when IsDivisionCode(code) && Digits(n) is { } value =>
                new(RecordKind.Account, NumberSequence.Format(Accounts.DivisionAccount.SequenceName(code), value)),
            ["LAY", var code, var n] when IsDivisionCode(code) && Digits(n) is { } value =>
                new(RecordKind.Layby, NumberSequence.Format($"LAY-{code}", value)),
            [var prefix and ("RCT" or Accounts.AccountLedgerService.RefundPrefix), var code, var n] when IsDivisionCode(code) && Digits(n) is { } value =>
                new(RecordKind.Receipt, NumberSequence.Format($"{prefix}-{code}", value)),
            [Statements.Statement.NumberPrefix, var code, var month, var n] when IsDivisionCode(code) && month.Length == 6
                    && Month(month[..4], month[4..]) is { } start && Digits(n) is { } value =>
                new(RecordKind.Statement, NumberSequence.Format(Statements.Statement.SequenceName(code, start), value)),
            [Statements.Statement.NumberPrefix, var code, var year, var month, var n] when IsDivisionCode(code)
                    && Month(year, month) is { } start && Digits(n) is { } value =>
                new(RecordKind.Statement, NumberSequence.Format(Statements.Statement.SequenceName(code, start), value)),
            _ => null,
        };
    }

    /// <summary>
    /// Upper-cased runs of letters and of digits, split at spaces, dashes, dots, slashes and where letters meet digits;
    /// null when the text holds anything else or has no digits.
    /// </summary>
    private static List<string>? Parts(string? text)
    {
        var q = (text ?? "").Trim();
        if (q.Length is < 4 or > MaxLength)
        {
            return null;
        }

        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i <= q.Length; i++)
        {
            var c = i < q.Length ? q[i] : ' ';
            if (i < q.Length && !char.IsAsciiLetterOrDigit(c) && c is not (' ' or '-' or '.' or '/' or '_'))
            {
                return null;
            }

            var boundary = !char.IsAsciiLetterOrDigit(c) || (start >= 0 && char.IsAsciiDigit(c) != char.IsAsciiDigit(q[start]));
            if (boundary && start >= 0)
            {
                parts.Add(q[start..i].ToUpperInvariant());
                start = -1;
            }

            if (char.IsAsciiLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return parts.Any(p => char.IsAsciiDigit(p[0])) ? parts : null;
    }

    private static bool IsDivisionCode(string part) => part.Length == 3 && char.IsAsciiLetter(part[0]);

    /// <summary>1 to 9 digits (leading zeros optional).</summary>
    private static long? Digits(string part) =>
        part.Length is >= 1 and <= 9 && char.IsAsciiDigit(part[0])
            ? long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

    private static DateOnly? Month(string year, string month) =>
        year.Length == 4 && month.Length is 1 or 2 && Digits(year) is { } y && Digits(month) is { } m && m is >= 1 and <= 12 && y >= 1900
            ? new DateOnly((int)y, (int)m, 1)
            : null;
}
