using CustomerManager.Domain.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Support;

/// <summary>
/// The real app in memory (Development, so demo data is seeded) on its own SQLite file in a temporary folder.
/// One per test class: the tests in a class share its database, so they use their own names.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "cm-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataFolder", dataFolder);
        builder.UseSetting("ConnectionStrings:CustomerManager", "");
        // A paged query without an order fails the test that runs it (EF's RowLimitingOperationWithoutOrderByWarning).
        builder.UseSetting("Database:ThrowOnUnorderedPaging", "true");
        // Service tests make their own customers; the 500 demo customers are for people (and the browser tests).
        builder.UseSetting("DemoData:Customers", "0");
        // Tests run the daily jobs themselves, on the dates they choose.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Backup:Enabled", "false");
        // Tests run the outbox dispatcher themselves (MessagingAppFactory); nothing is sent behind their back.
        builder.UseSetting("Messaging:SenderEnabled", "false");
        // Demo users sign in with a password alone (as in Development); the two-factor tests switch the requirement on.
        builder.UseSetting("Security:RequireMfaForPrivilegedRoles", "false");
        // Tests sign in many times a minute from one address as the same users; the rate limit tests set their own.
        builder.UseSetting("Security:SignInLimits:PerUserName", "10000");
        builder.UseSetting("Security:SignInLimits:PerClientAddress", "10000");
        builder.ConfigureServices(ConfigureTestServices);
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>Resolves a scoped service in a fresh scope.</summary>
    public T Service<T>(IServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public IServiceScope Scope() => Services.CreateScope();

    public async Task<T> AsAsync<T>(string role, Func<IServiceProvider, Task<T>> action)
    {
        using var actor = Actors.As(role.ToLowerInvariant() + "-tester", role);
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned by the OS.
            }
        }
    }
}
