using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Organisation;

public sealed record BusinessDefaultValues(string PhoneCountryCode, string Country, string Currency);

/// <summary>
/// The business settings every search and save needs (phone country code, country), read once and kept until an admin
/// changes them: a query per keystroke would cost more than the lookup itself.
/// </summary>
public sealed class BusinessDefaults
{
    private volatile BusinessDefaultValues? cached;

    public async Task<BusinessDefaultValues> GetAsync(ICustomerDb db, CancellationToken cancellationToken)
    {
        if (cached is { } values)
        {
            return values;
        }

        var business = await db.Businesses.OrderBy(b => b.Id)
            .Select(b => new BusinessDefaultValues(b.DefaultPhoneCountryCode, b.Country, b.Currency))
            .FirstAsync(cancellationToken);
        cached = business;
        return business;
    }

    /// <summary>The same, opening a unit of work only when the values are not cached yet.</summary>
    public async Task<BusinessDefaultValues> GetAsync(ICustomerDbFactory dbFactory, CancellationToken cancellationToken)
    {
        if (cached is { } values)
        {
            return values;
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await GetAsync(db, cancellationToken);
    }

    public void Invalidate() => cached = null;
}
