using System.Diagnostics;
using System.Globalization;
using CustomerManager.Data;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-customers N</c>: seeds N customers into a separate SQLite file and times each customer search path
/// through <see cref="CustomerService"/> next to the same SQL run with raw Microsoft.Data.Sqlite, in the same run.
/// The ratio of the two is the figure; absolute times depend on the machine.
/// </summary>
internal static class CustomerLookupBenchmark
{
    public static async Task<int> RunAsync(int count, int iterations, string? file, TextWriter output, CancellationToken cancellationToken = default)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"cm-benchmark-{count}.db");
        var connectionString = $"Data Source={file}";
        await PrepareAsync(file, connectionString, count, output, cancellationToken);

        await using var provider = BenchmarkServices.Build(connectionString, Path.GetDirectoryName(file)!, services =>
        {
            services.AddSingleton<BusinessDefaults>();
            services.AddScoped<CustomerService>();
        });
        using var system = AmbientUser.Use(AmbientUser.System);
        var customers = provider.GetRequiredService<CustomerService>();

        await using var raw = new SqliteConnection(connectionString);
        await raw.OpenAsync(cancellationToken);
        var random = new Random(42);
        int Pick() => random.Next(1, count + 1);

        var rows = new List<Row>
        {
            await MeasureAsync("Lookup by customer number", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Number(i) }, 0, 25, cancellationToken),
                i => RawAsync(raw, CustomerListSql.ActiveByNumber, [("@value", BenchmarkCustomers.Number(i))], cancellationToken)),
            await MeasureAsync("Lookup by phone (typed 082 …)", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = "0" + BenchmarkCustomers.Phone(i)[3..] }, 0, 25, cancellationToken),
                i => RawAsync(raw, CustomerListSql.ActiveByPhoneOrNationalId, [("@phone", BenchmarkCustomers.Phone(i)), ("@nationalId", "")], cancellationToken)),
            await MeasureAsync("Lookup by e-mail", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Email(i).ToUpperInvariant() }, 0, 25, cancellationToken),
                i => RawAsync(raw, CustomerListSql.ActiveByEmail, [("@value", BenchmarkCustomers.Email(i))], cancellationToken)),
            await MeasureAsync("Name-prefix search (first page of 25)", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Name(i).First[..4] }, 0, 25, cancellationToken),
                i => RawPrefixAsync(raw, ContactNormalisation.NameKey(BenchmarkCustomers.Name(i).First[..4]), cancellationToken)),
        };

        output.WriteLine();
        output.WriteLine($"Customer search benchmark: {count:N0} customers, {iterations} queries per row, file {file}");
        output.WriteLine($"{"Query",-40} {"service p50",12} {"service p95",12} {"raw p50",10} {"raw p95",10} {"p95 ratio",10}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Name,-40} {Ms(row.Service, 50),12} {Ms(row.Service, 95),12} {Ms(row.Raw, 50),10} {Ms(row.Raw, 95),10} {Percentile(row.Service, 95) / Percentile(row.Raw, 95),10:F2}");
        }

        return 0;
    }

    private static async Task PrepareAsync(string file, string connectionString, int count, TextWriter output, CancellationToken cancellationToken)
    {
        await using (var db = new SqliteCustomerDbContext(new DbContextOptionsBuilder<SqliteCustomerDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (await db.Customers.CountAsync(cancellationToken) == count)
            {
                output.WriteLine($"Reusing {file} with {count:N0} customers.");
                return;
            }

            await db.Database.ExecuteSqlRawAsync("DELETE FROM CustomerTags; DELETE FROM Customers; DELETE FROM NumberSequences;", cancellationToken);
            if (!await db.Businesses.AnyAsync(cancellationToken))
            {
                db.Businesses.Add(new Business("Benchmark", "ZAR", "South Africa", "27"));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        await BenchmarkCustomers.InsertAsync(connection, count, done => output.Write($"\rSeeding customers: {done:N0}/{count:N0} ({100.0 * done / count:F0} %)"), cancellationToken);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        output.WriteLine($"\nSeeded {count:N0} customers in {watch.Elapsed.TotalSeconds:F1} s.");
    }

    private static async Task RawAsync(SqliteConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>The service's first page of a name search: the page, then (a full page came back) the capped count.</summary>
    private static async Task RawPrefixAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        var upper = key + '\uffff';
        await RawAsync(connection, CustomerListSql.ActiveByNamePrefix, [("@key", key), ("@upper", upper), ("@n", 25), ("@skip", 0), ("@take", 25)], cancellationToken);
        await RawAsync(connection, CustomerListSql.CountActiveByNamePrefix, [("@key", key), ("@upper", upper), ("@cap", CustomerListSql.CountCap)], cancellationToken);
    }

    private static async Task ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    }

    private static async Task<Row> MeasureAsync(
        string name, int iterations, Func<int> pick, Func<int, Task> service, Func<int, Task> raw)
    {
        // Warm up both (JIT, EF query cache, SQLite page cache) before timing; then alternate so both see the same cache.
        for (var i = 0; i < 20; i++)
        {
            var target = pick();
            await service(target);
            await raw(target);
        }

        var serviceTimes = new List<double>(iterations);
        var rawTimes = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var target = pick();
            var watch = Stopwatch.StartNew();
            await service(target);
            serviceTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await raw(target);
            rawTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        return new Row(name, serviceTimes, rawTimes);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Ms(List<double> values, int percentile) =>
        Percentile(values, percentile).ToString("F2", CultureInfo.InvariantCulture) + " ms";

    private sealed record Row(string Name, List<double> Service, List<double> Raw);
}
