using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>One demo sign-in per role (Development only; the README lists them).</summary>
/// <summary>A demo sign-in; <paramref name="DivisionCode"/> limits the user to that division (DOMAIN.md §1).</summary>
public sealed record DemoUser(string UserName, string DisplayName, string Role, string? DivisionCode = null);

/// <summary>Demo organisation for Development and for <c>--seed-demo</c>: five divisions, 20 employees, one user per role.</summary>
public sealed class DemoDataSeeder(IServiceScopeFactory scopeFactory, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "Demo-Password-2026";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin", "Ada Admin", Roles.Admin),
        new("clerk", "Clara Clerk", Roles.Clerk),
        new("credit", "Craig Credit", Roles.CreditManager),
        new("accountant", "Anna Accountant", Roles.Accountant),
        new("clerk.clothing", "Cleo Clothing", Roles.Clerk, "CLO"),
    ];

    private static readonly (string Name, string Code, DivisionType Type)[] DivisionSeeds =
    [
        ("Grocery", "GRO", DivisionType.Grocery),
        ("Restaurant", "RES", DivisionType.Restaurant),
        ("Clothing", "CLO", DivisionType.Clothing),
        ("Hardware", "HRD", DivisionType.Hardware),
        ("Construction", "CON", DivisionType.Construction),
    ];

    private static readonly (string First, string Last, string Title)[] EmployeeSeeds =
    [
        ("Thandi", "Nkosi", "Store manager"), ("Pieter", "van der Merwe", "Cashier"), ("Lerato", "Mokoena", "Cashier"),
        ("Sipho", "Dlamini", "Stock controller"), ("Ayesha", "Patel", "Restaurant manager"), ("Johan", "Botha", "Chef"),
        ("Nomvula", "Zulu", "Waitron"), ("Kagiso", "Molefe", "Host"), ("Fatima", "Adams", "Clothing buyer"),
        ("Bongani", "Khumalo", "Sales assistant"), ("Chantal", "Jacobs", "Layby clerk"), ("Tendai", "Moyo", "Sales assistant"),
        ("Willem", "Pretorius", "Hardware manager"), ("Zanele", "Ndlovu", "Counter sales"), ("Mandla", "Sithole", "Yard foreman"),
        ("Grace", "Naidoo", "Counter sales"), ("Ruan", "Steyn", "Site manager"), ("Palesa", "Mahlangu", "Quantity surveyor"),
        ("Themba", "Mthembu", "Estimator"), ("Karen", "Smith", "Project administrator"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var business = await db.Businesses.OrderBy(b => b.Id).FirstAsync(cancellationToken);
        if (!await db.Divisions.AnyAsync(cancellationToken))
        {
            business.Update("Umbrella Trading Group", business.Currency, business.Country, business.DefaultPhoneCountryCode);
            db.Divisions.AddRange(DivisionSeeds.Select(d => new Division(business.Id, d.Name, d.Code, d.Type)));
            await db.SaveChangesAsync(cancellationToken);
        }

        var divisions = await db.Divisions.OrderBy(d => d.Id).ToListAsync(cancellationToken);
        foreach (var demo in Users)
        {
            if (await userManager.FindByNameAsync(demo.UserName) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = demo.UserName,
                Email = $"{demo.UserName}@umbrella.example",
                EmailConfirmed = true,
                DisplayName = demo.DisplayName,
                LockoutEnabled = true,
            };
            if (demo.DivisionCode is { } code)
            {
                user.Divisions.Add(new UserDivision { DivisionId = divisions.Single(d => d.Code == code).Id });
            }

            Ensure(await userManager.CreateAsync(user, DemoPassword), demo.UserName);
            Ensure(await userManager.AddToRoleAsync(user, demo.Role), demo.UserName);
        }

        if (!await db.Employees.AnyAsync(cancellationToken))
        {
            var clerk = await userManager.FindByNameAsync("clerk");
            for (var i = 0; i < EmployeeSeeds.Length; i++)
            {
                var (first, last, title) = EmployeeSeeds[i];
                var division = divisions[i * divisions.Count / EmployeeSeeds.Length];
                // The layby clerk is the demo clerk's own employee record.
                var userId = title == "Layby clerk" ? clerk?.Id : null;
                db.Employees.Add(new Employee(first, last, division.Id, title, userId));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.LaybyPolicies.AnyAsync(cancellationToken))
        {
            var now = DateTime.UtcNow;
            foreach (var division in divisions)
            {
                db.LaybyPolicies.Add(new Domain.Laybys.LaybyPolicy(division.Id, 1, new Domain.Laybys.LaybyPolicyTerms(
                    AdminFee: 25m, LateFeePerInstalment: 50m), now, AmbientUser.SystemName));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.CreditPolicies.AnyAsync(cancellationToken))
        {
            var now = DateTime.UtcNow;
            foreach (var division in divisions)
            {
                db.CreditPolicies.Add(new Domain.Credit.CreditPolicy(division.Id, 1, Domain.Credit.CreditPolicyTerms.Default, now, AmbientUser.SystemName));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Demo data present: {Divisions} divisions, {Users} demo users", divisions.Count, Users.Count);
    }

    private static void Ensure(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {userName}: {result.Errors.First().Description}");
        }
    }
}
