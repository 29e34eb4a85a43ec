using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Backups;

/// <summary>The app on a data folder the test chooses (and cleans up), with any further settings.</summary>
public sealed class FolderAppFactory(string dataFolder, IReadOnlyDictionary<string, string>? settings = null) : AppFactory
{
    public string DatabasePath => Path.Combine(dataFolder, "customermanager.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:DataFolder", dataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task AddCustomerAsync(string firstName, string lastName)
    {
        using var actor = Actors.As("backup-clerk", Roles.Clerk);
        using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person(firstName, lastName));
    }

    /// <summary>Last names of the customers in a database file, read without the app.</summary>
    public static async Task<List<string?>> LastNamesInAsync(string databaseFile)
    {
        await using var db = new Data.SqliteCustomerDbContext(new DbContextOptionsBuilder<Data.SqliteCustomerDbContext>()
            .UseSqlite($"Data Source={databaseFile};Pooling=False").Options);
        return await db.Customers.Select(c => c.LastName).ToListAsync();
    }
}
