using CustomerManager.Data.Auditing;
using CustomerManager.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "CustomerManager";

    /// <summary>
    /// Registers the provider chosen by <c>Database:Provider</c> (Sqlite by default, a file in <paramref name="dataFolder"/>
    /// unless <c>ConnectionStrings:CustomerManager</c> says otherwise), the per-operation factory services use, and a
    /// scoped context for ASP.NET Core Identity.
    /// </summary>
    public static DatabaseProvider AddCustomerDatabase(
        this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerName}'; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.SqlServer}'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        // Read once at start-up: a bad zone id stops the app with a message rather than showing wrong days.
        var timeZone = BusinessTime.FindZone(configuration["Business:TimeZone"]);
        services.AddSingleton<TimeProvider>(new BusinessZoneClock(timeZone));
        services.AddSingleton(sp => new BusinessTime(sp.GetRequiredService<TimeProvider>(), timeZone));
        services.AddSingleton<AuditSaveChangesInterceptor>();
        // Development and the tests turn EF's "Skip/Take without OrderBy" warning into an error: a page must have a
        // stable order, and a query that forgets one should fail where it is written rather than page oddly in production.
        var throwOnUnorderedPaging = configuration.GetValue<bool>("Database:ThrowOnUnorderedPaging");
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = SqliteConnectionString(connectionString, dataFolder);
                if (Backups.SqliteDatabaseFile.For(connectionString) is not null)
                {
                    // Made by the container, so that disposing the app releases the file's lock.
                    var sqliteConnectionString = connectionString;
                    services.AddSingleton(_ => Backups.SqliteDatabaseFile.For(sqliteConnectionString)!);
                }

                services.AddPooledDbContextFactory<SqliteCustomerDbContext>((sp, options) => options
                    .UseSqlite(connectionString)
                    .ConfigureWarnings(w => StrictPaging(w, throwOnUnorderedPaging))
                    .AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>()));
                Register<SqliteCustomerDbContext>(services);
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is SqlServer but ConnectionStrings:{ConnectionStringName} is empty.");
                }

                services.AddPooledDbContextFactory<SqlServerCustomerDbContext>((sp, options) => options
                    .UseSqlServer(connectionString)
                    .ConfigureWarnings(w => StrictPaging(w, throwOnUnorderedPaging))
                    .AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>()));
                Register<SqlServerCustomerDbContext>(services);
                break;
        }

        return provider;
    }

    private static void StrictPaging(WarningsConfigurationBuilder warnings, bool throwOnUnorderedPaging)
    {
        if (throwOnUnorderedPaging)
        {
            warnings.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning);
        }
    }

    private static void Register<TContext>(IServiceCollection services)
        where TContext : CustomerDbContext
    {
        services.AddSingleton<ICustomerDbFactory, CustomerDbFactory<TContext>>();
        services.AddScoped<CustomerDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddScoped<ICustomerDb>(sp => sp.GetRequiredService<CustomerDbContext>());
    }

    /// <summary>An empty setting means a file in the data folder; a relative file name is placed in it too.</summary>
    private static string SqliteConnectionString(string? configured, string dataFolder)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? "Data Source=customermanager.db"
            : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
            {
                OwnerOnlyFiles.CreateFolder(dataFolder);
                builder.DataSource = Path.Combine(dataFolder, builder.DataSource);
            }

            if (!File.Exists(builder.DataSource))
            {
                // Made here, the owner's only, before SQLite would make it readable by everyone (umask 022); its -wal
                // and -shm files take the database file's mode.
                OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(builder.DataSource)!);
                OwnerOnlyFiles.Create(builder.DataSource).Dispose();
            }
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}

internal sealed class CustomerDbFactory<TContext>(IDbContextFactory<TContext> factory) : ICustomerDbFactory
    where TContext : CustomerDbContext
{
    public async Task<ICustomerDb> OpenAsync(CancellationToken cancellationToken = default) =>
        await factory.CreateDbContextAsync(cancellationToken);
}
