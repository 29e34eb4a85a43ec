using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>Brings the database to the current migration and makes sure the data every installation needs exists.</summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopeFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while a clerk's write commits; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Refreshes the planner's statistics where they are stale, so index choices follow the data.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        }

        logger.LogInformation("Database migrated ({Provider})", db.Database.ProviderName);
    }

    /// <summary>
    /// Creates the first admin of a new installation from configuration (InitialAdmin:UserName and :Password), only
    /// while no admin exists: there is no self-registration, so someone has to be able to sign in first.
    /// </summary>
    public async Task EnsureInitialAdminAsync(string? userName, string? password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return;
        }

        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<Domain.Users.ApplicationUser>>();
        if ((await userManager.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new Domain.Users.ApplicationUser
        {
            UserName = userName.Trim(),
            DisplayName = "Administrator",
            EmailConfirmed = true,
            LockoutEnabled = true,
        };
        var created = await userManager.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"InitialAdmin could not be created: {created.Errors.First().Description}");
        }

        await userManager.AddToRoleAsync(admin, Roles.Admin);
        logger.LogWarning("Created the initial admin {UserName}; remove InitialAdmin:Password from the configuration now", admin.UserName);
    }

    /// <summary>Roles and the business row: without them nobody can be given access and nothing can be numbered.</summary>
    public async Task EnsureReferenceDataAsync(string defaultBusinessName, CancellationToken cancellationToken = default)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                var result = await roleManager.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {result.Errors.First().Description}");
                }
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        if (!await db.Businesses.AnyAsync(cancellationToken))
        {
            db.Businesses.Add(new Business(defaultBusinessName, "ZAR", "South Africa", "27"));
            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureDefaultTemplatesAsync(db, cancellationToken);
    }

    /// <summary>A default-language e-mail and SMS template for every purpose, where there is none yet (admins edit them later).</summary>
    private static async Task EnsureDefaultTemplatesAsync(CustomerDbContext db, CancellationToken cancellationToken)
    {
        var present = (await db.MessageTemplates.Where(t => t.Language == "").Select(t => new { t.Purpose, t.Channel }).Distinct().ToListAsync(cancellationToken))
            .Select(t => (t.Purpose, t.Channel)).ToHashSet();
        var now = DateTime.UtcNow;
        foreach (var input in DefaultTemplates.All.Where(i => !present.Contains((i.Purpose, i.Channel))))
        {
            db.MessageTemplates.Add(MessageTemplate.Version(input, 1, AmbientUser.SystemName, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
