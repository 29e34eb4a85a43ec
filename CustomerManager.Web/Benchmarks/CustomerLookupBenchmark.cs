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
            services.AddScoped<Domain.Institutions.InstitutionService>();
        });
        using var system = AmbientUser.Use(AmbientUser.System);
        var customers = provider.GetRequiredService<CustomerService>();

        await using var raw = new SqliteConnection(connectionString);
        await raw.OpenAsync(cancellationToken);
        var random = new Random(42);
        int Pick() => random.Next(1, count + 1);

        // Every seeded customer is active: a lookup must return exactly the one picked.
        static string? Found(int i, Page<CustomerListItem> page) =>
            page.Items.Count == 1 && page.Items[0].CustomerNumber == BenchmarkCustomers.Number(i)
                ? null
                : $"{BenchmarkCustomers.Number(i)} gave [{string.Join(", ", page.Items.Select(c => c.CustomerNumber))}]";

        var rows = new List<BenchmarkTimer.Row>
        {
            await BenchmarkTimer.MeasureAsync("Lookup by customer number", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Number(i) }, 0, 25, cancellationToken), Found,
                i => BenchmarkTimer.RawAsync(raw, CustomerListSql.ActiveByNumber, [("@value", BenchmarkCustomers.Number(i))], cancellationToken)),
            await BenchmarkTimer.MeasureAsync("Lookup by phone (typed 082 …)", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = "0" + BenchmarkCustomers.Phone(i)[3..] }, 0, 25, cancellationToken), Found,
                i => BenchmarkTimer.RawAsync(raw, CustomerListSql.ActiveByPhoneOrNationalId, [("@phone", BenchmarkCustomers.Phone(i)), ("@otherPhone", ""), ("@nationalId", "")], cancellationToken)),
            await BenchmarkTimer.MeasureAsync("Lookup by e-mail", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Email(i).ToUpperInvariant() }, 0, 25, cancellationToken), Found,
                i => BenchmarkTimer.RawAsync(raw, CustomerListSql.ActiveByEmail, [("@value", BenchmarkCustomers.Email(i))], cancellationToken)),
            await BenchmarkTimer.MeasureAsync("Name-prefix search (first page of 25)", iterations, Pick,
                i => customers.SearchAsync(new CustomerQuery { Text = BenchmarkCustomers.Name(i).First[..4] }, 0, 25, cancellationToken),
                (i, page) => page.Items.Count > 0 && page.Items.All(c => c.FullName.StartsWith(BenchmarkCustomers.Name(i).First[..4], StringComparison.OrdinalIgnoreCase))
                    ? null
                    : $"prefix {BenchmarkCustomers.Name(i).First[..4]} gave {page.Items.Count} rows, not all starting with it",
                i => RawPrefixAsync(raw, ContactNormalisation.NameKey(BenchmarkCustomers.Name(i).First[..4]), cancellationToken)),
        };

        output.WriteLine();
        output.WriteLine($"Customer search benchmark: {count:N0} customers, {iterations} queries per row, file {file}");
        BenchmarkTimer.PrintTable(rows, output);

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

    /// <summary>The service's first page of a name search: the page, then (a full page came back) the capped count.</summary>
    private static async Task RawPrefixAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        var upper = key + '\uffff';
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.ActiveByNamePrefix(0), [("@key", key), ("@upper", upper), ("@n", 25), ("@skip", 0), ("@take", 25)], cancellationToken);
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.CountActiveByNamePrefix(0), [("@key", key), ("@upper", upper), ("@cap", CustomerListSql.CountCap)], cancellationToken);
    }
}
