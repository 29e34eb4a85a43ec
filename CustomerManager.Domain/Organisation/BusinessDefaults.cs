using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Organisation;

public sealed record BusinessDefaultValues(string PhoneCountryCode, string Country, string Currency);

/// <summary>
/// The business settings every search and save needs (phone country code, country), read once and kept until an admin
/// changes them on this node, and for at most <see cref="MaxAge"/> when another web node changed them (issue 21: every
/// node reads the database again within that time, so no message between nodes is needed).
/// </summary>
public sealed class BusinessDefaults(TimeProvider? clock = null)
{
    /// <summary>How long values read from the database are trusted before they are read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private volatile Cached? cached;

    private BusinessDefaultValues? Fresh => cached is { } c && clock.GetUtcNow() - c.ReadAt < MaxAge ? c.Values : null;

    public async Task<BusinessDefaultValues> GetAsync(ICustomerDb db, CancellationToken cancellationToken)
    {
        if (Fresh is { } values)
        {
            return values;
        }

        var readAt = clock.GetUtcNow();
        var business = await db.Businesses.OrderBy(b => b.Id)
            .Select(b => new BusinessDefaultValues(b.DefaultPhoneCountryCode, b.Country, b.Currency))
            .FirstAsync(cancellationToken);
        cached = new Cached(business, readAt);
        return business;
    }

    /// <summary>The same, opening a unit of work only when the values are not cached yet.</summary>
    public async Task<BusinessDefaultValues> GetAsync(ICustomerDbFactory dbFactory, CancellationToken cancellationToken)
    {
        if (Fresh is { } values)
        {
            return values;
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await GetAsync(db, cancellationToken);
    }

    public void Invalidate() => cached = null;

    private sealed record Cached(BusinessDefaultValues Values, DateTimeOffset ReadAt);
}
