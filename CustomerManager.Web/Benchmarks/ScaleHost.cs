using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// The app's own service set-up (nothing listening) on a separate SQLite file: the scale commands generate into it and
/// measure through exactly the services the pages use.
/// </summary>
internal static class ScaleHost
{
    public static async Task<WebApplication> OpenAsync(string file)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:CustomerManager"] = $"Data Source={Path.GetFullPath(file)}",
            ["DemoData:Customers"] = "0",
            ["Jobs:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCustomerManager();
        var app = builder.Build();
        // Migrated, with the organisation, policies and the demo sign-ins (so the load check can sign in against it).
        await app.InitializeDatabaseAsync(seedDemo: true);
        return app;
    }

    /// <summary>Runs <paramref name="action"/> as the system user in a fresh scope.</summary>
    public static async Task<T> AsSystemAsync<T>(this WebApplication app, Func<IServiceProvider, Task<T>> action)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
