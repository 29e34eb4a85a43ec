using CustomerManager.Data;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>The domain services of a benchmark, on its own SQLite file, acting as the system user.</summary>
internal static class BenchmarkServices
{
    public static ServiceProvider Build(string connectionString, string dataFolder, Action<IServiceCollection> addServices)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustomerDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CustomerManager"] = connectionString,
        }).Build(), dataFolder);
        services.AddSingleton<ICurrentUser, Security.CurrentUser>();
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        addServices(services);
        return services.BuildServiceProvider();
    }

    /// <summary>A new migrated benchmark database with one business and one division; returns the division's id.</summary>
    public static async Task<int> CreateDatabaseAsync(string connectionString, string divisionName, string divisionCode, DivisionType type, CancellationToken cancellationToken)
    {
        await using var db = new SqliteCustomerDbContext(new DbContextOptionsBuilder<SqliteCustomerDbContext>().UseSqlite(connectionString).Options);
        await db.Database.MigrateAsync(cancellationToken);
        var business = new Business("Benchmark", "ZAR", "South Africa", "27");
        db.Businesses.Add(business);
        await db.SaveChangesAsync(cancellationToken);
        var division = new Division(business.Id, divisionName, divisionCode, type);
        db.Divisions.Add(division);
        await db.SaveChangesAsync(cancellationToken);
        return division.Id;
    }
}
