using CustomerManager.Data;
using CustomerManager.Domain.Common;

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
}
