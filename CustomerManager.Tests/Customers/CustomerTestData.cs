using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Customers;

/// <summary>
/// Unique customer input for tests that share one database: every call gets its own phone, e-mail, national ID and
/// letters-only names, so no test trips over another's duplicate rules.
/// </summary>
internal static class CustomerTestData
{
    private static long phoneCounter = Random.Shared.Next(10_000_000, 80_000_000);
    private static long idCounter = Random.Shared.NextInt64(10_000_000_000, 80_000_000_000);

    /// <summary>Eight random lower-case letters: names made of it are unique and searchable by prefix.</summary>
    public static string Token() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    /// <summary>A South African mobile number as a clerk types it, e.g. "0812345678".</summary>
    public static string Phone() => $"08{Interlocked.Increment(ref phoneCounter):D8}";

    /// <summary>The E.164 form of a number from <see cref="Phone"/>.</summary>
    public static string E164(string nationalPhone) => "+27" + nationalPhone[1..];

    public static string NationalId() => $"90{Interlocked.Increment(ref idCounter):D11}";

    public static CustomerDetails Person(string? firstName = null, string? lastName = null) => new()
    {
        Type = CustomerType.Individual,
        FirstName = firstName ?? "Fn" + Token(),
        LastName = lastName ?? "Ln" + Token(),
        PrimaryPhone = Phone(),
        PrimaryEmail = Token() + "@example.com",
    };

    public static CustomerDetails Company(string? companyName = null) => new()
    {
        Type = CustomerType.Business,
        CompanyName = companyName ?? "Co" + Token() + " Trading",
        PrimaryPhone = Phone(),
        PrimaryEmail = Token() + "@example.com",
    };

    public static async Task<int> DivisionIdAsync(IServiceProvider services, string code)
    {
        await using var db = await services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.Divisions.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
    }

    public static long NumberPart(string number) => long.Parse(number[(number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
