using System.Text;
using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// The one way phone numbers, e-mail addresses and national IDs are written before they are saved or searched
/// (DOMAIN.md §2), so "082 123 4567", "+27 82-123-4567" and "0027821234567" are the same number.
/// </summary>
public static partial class ContactNormalisation
{
    /// <summary>The fewest digits of a national number after the trunk 0 (nine in South Africa, ten in North America).</summary>
    private const int NationalDigits = 9;

    /// <summary>
    /// E.164: "+" and 8 to 15 digits. A leading 00 is an international prefix; a single leading 0 is the national trunk
    /// prefix, replaced by the business's country code; digits that start with the country code and are too long for a
    /// national number already carry it (typed without the plus); any other number is taken as national too.
    /// </summary>
    public static string NormalisePhone(string? input, string defaultCountryCode, string field = "PrimaryPhone")
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            throw new DomainException("Enter a phone number.", field);
        }

        var international = text.StartsWith('+');
        var digits = new StringBuilder();
        foreach (var c in text.AsSpan(international ? 1 : 0))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '/'))
            {
                throw new DomainException($"A phone number may only hold digits, spaces and - ( ) . / — \"{c}\" is not allowed.", field);
            }
        }

        var number = digits.ToString();
        if (!international)
        {
            if (number.StartsWith("00", StringComparison.Ordinal))
            {
                number = number[2..];
            }
            else if (number.StartsWith(defaultCountryCode, StringComparison.Ordinal) && number.Length >= defaultCountryCode.Length + NationalDigits)
            {
                // "27731000046": the country code typed without the plus. A national number is shorter than that.
            }
            else
            {
                number = defaultCountryCode + (number.StartsWith('0') ? number[1..] : number);
            }
        }

        if (number.Length is < 8 or > 15 || number[0] == '0')
        {
            throw new DomainException(
                "That is not a valid phone number: it needs 8 to 15 digits with the country code (e.g. 082 123 4567 or +27 82 123 4567).",
                field);
        }

        return "+" + number;
    }

    /// <summary>Normalises a phone number a clerk typed into a search box; null when it is not one.</summary>
    public static string? TryNormalisePhone(string? input, string defaultCountryCode)
    {
        try
        {
            return NormalisePhone(input, defaultCountryCode);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>Trimmed and lower-cased; null when empty. Refuses text that is not an e-mail address.</summary>
    public static string? NormaliseEmail(string? input, string field = "PrimaryEmail")
    {
        var email = (input ?? "").Trim().ToLowerInvariant();
        if (email.Length == 0)
        {
            return null;
        }

        if (email.Length > 254 || !EmailPattern().IsMatch(email))
        {
            throw new DomainException("That is not a valid e-mail address (e.g. name@example.com).", field);
        }

        return email;
    }

    /// <summary>Upper-cased without spaces or dashes; null when empty. Letters and digits only, 4 to 20 of them.</summary>
    public static string? NormaliseNationalId(string? input, string field = "NationalId")
    {
        var id = new string((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (id.Length == 0)
        {
            return null;
        }

        if (id.Length is < 4 or > 20 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException("A national ID has 4 to 20 letters and digits.", field);
        }

        return id;
    }

    /// <summary>Lower-cased, accents and punctuation removed, single spaces: what name search and duplicate detection compare.</summary>
    public static string NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var decomposed = name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
                lastWasSpace = false;
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '\'' or '.' or ',' or '&') && !lastWasSpace && key.Length > 0)
            {
                key.Append(' ');
                lastWasSpace = true;
            }
        }

        return key.ToString().TrimEnd();
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();
}
