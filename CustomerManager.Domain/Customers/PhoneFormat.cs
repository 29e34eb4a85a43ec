using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// Phone numbers as people read them. Stored and searched in E.164 (+27731000046, see ContactNormalisation); shown in
/// the national format with spaces for the business's own country (073 100 0046) and in the international format
/// otherwise (+44 20 7946 0958). Exports keep E.164, which spreadsheets and other systems read back exactly.
/// </summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <param name="phone">A stored number (E.164); anything else is shown as it is.</param>
    /// <param name="homeCallingCode">The business's country calling code ("27").</param>
    public static string Display(string? phone, string homeCallingCode)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        try
        {
            var number = Numbers.Parse(phone, null);
            var atHome = int.TryParse(homeCallingCode, System.Globalization.CultureInfo.InvariantCulture, out var home) && number.CountryCode == home;
            return Numbers.Format(number, atHome ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }
}

/// <summary>Formats phone numbers for the pages of one circuit: reads the business's calling code once, on first use.</summary>
public sealed class PhoneDisplay(ICustomerDbFactory dbFactory, ICurrentUser currentUser)
{
    private Task<string>? homeCallingCode;

    public async Task<string> FormatAsync(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? "" : PhoneFormat.Display(phone, await (homeCallingCode ??= HomeCallingCodeAsync()));

    private async Task<string> HomeCallingCodeAsync()
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync();
        return await db.Businesses.AsNoTracking().OrderBy(b => b.Id).Select(b => b.DefaultPhoneCountryCode).FirstOrDefaultAsync() ?? "";
    }
}
