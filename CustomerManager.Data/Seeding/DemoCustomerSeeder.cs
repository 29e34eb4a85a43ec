using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>
/// Realistic demo customers for Development: people, businesses and institutions across the divisions, with a few
/// deliberate near-duplicates for the duplicate warning and merge to find. Deterministic (fixed random seed).
/// </summary>
public sealed class DemoCustomerSeeder(IServiceScopeFactory scopeFactory, TimeProvider clock, ILogger<DemoCustomerSeeder> logger)
{
    private static readonly string[] FirstNames =
    [
        "Thabo", "Naledi", "Sipho", "Ayanda", "Lerato", "Johan", "Annelie", "Pieter", "Fatima", "Yusuf", "Priya", "Ravi",
        "Nomsa", "Bongani", "Zanele", "Kagiso", "Lindiwe", "Mpho", "Tshepo", "Refilwe", "Karabo", "Themba", "Busisiwe",
        "Michael", "Sarah", "David", "Emily", "James", "Grace", "Daniel", "Chloe", "Ethan", "Amahle", "Lwazi", "Nandi",
        "Tendai", "Chipo", "Farai", "Rudo", "Tatenda", "Jabulani", "Anele", "Siyabonga", "Keabetswe", "Palesa", "Hendrik",
        "Marietjie", "Willem", "Elize", "Ruan",
    ];

    private static readonly string[] LastNames =
    [
        "Nkosi", "Dlamini", "Mokoena", "Naidoo", "Botha", "van der Merwe", "Pillay", "Khumalo", "Mahlangu", "Smith",
        "Pretorius", "Ndlovu", "Zulu", "Sithole", "Moyo", "Jacobs", "Adams", "Mthembu", "Molefe", "Steyn", "Venter",
        "Govender", "Cele", "Ngcobo", "Mabaso", "Maseko", "Mulaudzi", "Chauke", "Baloyi", "Williams", "du Plessis",
        "Fourie", "Coetzee", "Kruger", "Mathebula", "Hlongwane", "Radebe", "Ntuli", "Shabalala", "Mkhize",
    ];

    private static readonly (string Name, CustomerType Type)[] Organisations =
    [
        ("University of the Highveld", CustomerType.Government), ("Riverside Primary School", CustomerType.Government),
        ("St Mary's College", CustomerType.Ngo), ("Greenfield Hospital", CustomerType.Government),
        ("Karoo Community Clinic", CustomerType.Ngo), ("Hope for Children Trust", CustomerType.Ngo),
        ("Nkosi Builders (Pty) Ltd", CustomerType.Business), ("Cape Catering Co", CustomerType.Business),
        ("Mokoena Plumbing", CustomerType.Business), ("Sunrise Guest House", CustomerType.Business),
        ("Botha & Sons Hardware", CustomerType.Business), ("Zulu Events", CustomerType.Business),
        ("Metro Municipality Parks", CustomerType.Government), ("Northern Technical College", CustomerType.Government),
        ("Ubuntu Soup Kitchen", CustomerType.Ngo), ("Lighthouse Library", CustomerType.Government),
        ("Jacaranda Restaurant Group", CustomerType.Business), ("Blue Crane Construction", CustomerType.Business),
        ("Protea Primary School", CustomerType.Government), ("Willow Creek Retirement Village", CustomerType.Business),
    ];

    private static readonly string[] Cities =
        ["Johannesburg", "Pretoria", "Cape Town", "Durban", "Gqeberha", "Bloemfontein", "Polokwane", "Mbombela", "East London", "Kimberley"];

    private static readonly string[] TagChoices = ["vip", "wholesale", "staff", "student", "loyalty", "school-uniforms", "contractor", "monthly-statement"];

    public async Task SeedAsync(int count = 500, CancellationToken cancellationToken = default)
    {
        if (count < 10)
        {
            return;
        }

        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            return;
        }

        var business = await db.Businesses.OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var divisions = await db.Divisions.OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var random = new Random(2026);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customers = new List<Customer>(count);
        var nationalIds = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var details = i % 8 == 7
                ? Organisation(i, random)
                : Person(i, random, nationalIds, today);
            customers.Add(new Customer(details, business.DefaultPhoneCountryCode, business.Country, today, now.AddMinutes(-count + i), AmbientUser.SystemName));
        }

        // Near-duplicates: a typo in the first name with another phone, and a company entered twice.
        customers.Add(new Customer(customers[0].Details() with
        {
            FirstName = customers[0].FirstName + "e",
            PrimaryPhone = "082 555 0101",
            PrimaryEmail = null,
            NationalId = null,
        }, business.DefaultPhoneCountryCode, business.Country, today, now, AmbientUser.SystemName));
        customers.Add(new Customer(customers[7].Details() with { PrimaryPhone = "011 555 0177", PrimaryEmail = null },
            business.DefaultPhoneCountryCode, business.Country, today, now, AmbientUser.SystemName));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var customer in customers)
        {
            customer.AssignNumber(await db.TakeNextAsync(Customer.NumberPrefix, cancellationToken));
        }

        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var customer in customers)
        {
            foreach (var division in divisions.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                var number = await db.TakeNextAsync(DivisionAccount.SequenceName(division.Code), cancellationToken);
                var account = new DivisionAccount(customer.Id, division.Id, division.Code, number, now.AddMonths(-4));
                if (random.Next(4) == 0)
                {
                    account.SetCreditTerms(DivisionAccountStatus.Active, 500 * (1 + random.Next(20)), 30, allowCredit: true, allowLayby: true);
                }

                account.SetConsents(random.Next(2) == 0, random.Next(3) == 0, random.Next(2) == 0, "Demo data", now);
                db.DivisionAccounts.Add(account);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SeedLedgerHistoryAsync(scope.ServiceProvider, random, now, cancellationToken);
        await SeedLaybyHistoryAsync(scope.ServiceProvider, random, now, cancellationToken);
        await DemoPurchaseHistory.SeedAsync(scope.ServiceProvider, random, now, cancellationToken);
        logger.LogInformation("Seeded {Count} demo customers", customers.Count);
    }

    /// <summary>
    /// Three months of sales and payments on the credit accounts, posted through the ledger service on a clock set to
    /// each day, so statements, aging and the ledger tab have something real to show.
    /// </summary>
    private static async Task SeedLedgerHistoryAsync(IServiceProvider services, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var clock = new SeedingClock();
        var ledger = new AccountLedgerService(
            services.GetRequiredService<ICustomerDbFactory>(), services.GetRequiredService<ICurrentUser>(), BusinessTimeOn(services, clock));
        var db = services.GetRequiredService<CustomerDbContext>();
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => a.AllowCredit).OrderBy(a => a.Id).Take(80)
            .Select(a => new { a.Id, a.CreditLimit }).ToListAsync(cancellationToken);
        var start = new DateTime(now.Year, now.Month, 1, 9, 0, 0, DateTimeKind.Utc).AddMonths(-3);
        foreach (var account in accounts)
        {
            var day = start.AddDays(random.Next(10));
            var invoice = 1;
            while (day < now.AddDays(-1))
            {
                clock.Now = day;
                var sale = Math.Round(account.CreditLimit * (decimal)(0.05 + (random.NextDouble() * 0.2)), 2);
                try
                {
                    await ledger.RecordSaleAsync(account.Id, sale, $"INV-{account.Id}-{invoice++}", "Demo purchase", cancellationToken: cancellationToken);
                }
                catch (DomainException)
                {
                    // Over the limit or overdue: the credit check refuses it, as it would at the till.
                }

                if (random.Next(3) > 0)
                {
                    clock.Now = new DateTime(Math.Min(day.AddDays(random.Next(5, 25)).Ticks, now.AddDays(-1).Ticks), DateTimeKind.Utc);
                    await ledger.RecordPaymentAsync(account.Id, Math.Round(sale * (decimal)(0.5 + (random.NextDouble() * 0.6)), 2),
                        PaymentMethod.Cash, null, Guid.NewGuid(), cancellationToken: cancellationToken);
                }

                day = day.AddDays(random.Next(12, 30));
            }
        }
    }

    private static readonly string[] LaybyGoods =
        ["Winter coat", "School uniform set", "Lounge suite", "Cordless drill set", "Bicycle", "Wedding dress", "Tool chest", "Fridge"];

    /// <summary>
    /// About sixty laybys opened over the last three months through the layby service: most paid on time, some behind
    /// (overdue), some paid off and released, so the layby list, reports and dashboard have something real to show.
    /// </summary>
    private static async Task SeedLaybyHistoryAsync(IServiceProvider services, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var clock = new SeedingClock();
        var laybys = new LaybyService(services.GetRequiredService<ICustomerDbFactory>(), services.GetRequiredService<ICurrentUser>(), BusinessTimeOn(services, clock));
        var db = services.GetRequiredService<CustomerDbContext>();
        var accounts = await db.DivisionAccounts.AsNoTracking()
            .Where(a => a.AllowLayby && a.Status == DivisionAccountStatus.Active && a.Id % 7 == 3)
            .OrderBy(a => a.Id).Take(60).Select(a => new { a.CustomerId, a.DivisionId }).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        for (var i = 0; i < accounts.Count; i++)
        {
            var opened = now.Date.AddDays(-random.Next(3, 85)).AddHours(10);
            clock.Now = opened;
            var price = Math.Round(300m + ((decimal)random.NextDouble() * 3000m), 2);
            Layby layby;
            try
            {
                layby = await laybys.OpenAsync(new OpenLaybyInput(accounts[i].CustomerId, accounts[i].DivisionId,
                    [new LaybyItemInput(LaybyGoods[random.Next(LaybyGoods.Length)], null, 1, price)], Math.Round(price * 0.25m, 2),
                    PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(opened).AddDays(90), Guid.NewGuid()), cancellationToken);
            }
            catch (DomainException)
            {
                continue; // a blacklisted customer, say: refused as it would be at the counter
            }

            var fallsBehind = i % 4 == 1;
            foreach (var instalment in layby.Instalments.Where(x => x.DueDate <= today).OrderBy(x => x.DueDate))
            {
                if (fallsBehind)
                {
                    break;
                }

                clock.Now = instalment.DueDate.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc).AddDays(-random.Next(0, 4));
                await laybys.PayAsync(layby.Id, instalment.Amount, PaymentMethod.Card, null, Guid.NewGuid(), cancellationToken: cancellationToken);
            }

            if (i % 5 == 0)
            {
                clock.Now = now.AddHours(-2);
                var current = await laybys.GetAsync(layby.Id, cancellationToken);
                if (current.Balance > 0)
                {
                    await laybys.PayAsync(layby.Id, current.Balance, PaymentMethod.Cash, null, Guid.NewGuid(), cancellationToken: cancellationToken);
                }

                await laybys.ReleaseAsync(layby.Id, (await laybys.GetAsync(layby.Id, cancellationToken)).Version, cancellationToken);
            }
        }
    }

    /// <summary>The business's time zone on the seeding clock.</summary>
    private static BusinessTime BusinessTimeOn(IServiceProvider services, SeedingClock clock) =>
        new(clock, services.GetRequiredService<BusinessTime>().Zone);

    private sealed class SeedingClock : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }

    private static CustomerDetails Person(int i, Random random, HashSet<string> nationalIds, DateOnly today)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var born = today.AddDays(-random.Next(18 * 365, 80 * 365));
        string? nationalId = null;
        if (random.Next(3) > 0)
        {
            nationalId = $"{born:yyMMdd}{random.Next(1000, 9999)}08{random.Next(10)}";
            if (!nationalIds.Add(nationalId))
            {
                nationalId = null;
            }
        }

        var mobilePrefix = new[] { "082", "083", "072", "073", "061", "071", "084" }[random.Next(7)];
        return new CustomerDetails
        {
            Type = random.Next(20) == 0 ? CustomerType.Employee : CustomerType.Individual,
            FirstName = first,
            LastName = last,
            DateOfBirth = born,
            Gender = random.Next(2) == 0 ? "Female" : "Male",
            PrimaryEmail = random.Next(5) > 0 ? $"{Slug(first)}.{Slug(last)}{i}@example.co.za" : null,
            PrimaryPhone = $"{mobilePrefix} {100 + (i / 100):D3} {i % 10000:D4}",
            Address = $"{1 + random.Next(200)} {LastNames[random.Next(LastNames.Length)]} Street",
            City = Cities[random.Next(Cities.Length)],
            Country = "South Africa",
            PostalCode = random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            NationalId = nationalId,
            Source = random.Next(3) == 0 ? "Walk-in" : "Till registration",
            Tags = random.Next(3) == 0 ? [TagChoices[random.Next(TagChoices.Length)]] : [],
        };
    }

    private static CustomerDetails Organisation(int i, Random random)
    {
        var (name, type) = Organisations[(i / 8) % Organisations.Length];
        var suffix = i / 8 >= Organisations.Length ? $" ({Cities[(i / 8) % Cities.Length]})" : "";
        return new CustomerDetails
        {
            Type = type,
            CompanyName = name + suffix,
            PrimaryEmail = $"accounts{i}@{Slug(name)}.example.org",
            PrimaryPhone = $"011 {200 + (i / 100):D3} {i % 10000:D4}",
            Address = $"{1 + random.Next(90)} Main Road",
            City = Cities[random.Next(Cities.Length)],
            Country = "South Africa",
            TaxNumber = $"9{random.Next(100000000, 999999999)}",
            Source = "Account application",
            Tags = [type == CustomerType.Business ? "wholesale" : "institution"],
        };
    }

    private static string Slug(string text) =>
        new(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
