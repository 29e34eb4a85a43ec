using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Web.Benchmarks;

/// <summary>Times a service call against its raw Microsoft.Data.Sqlite baseline, alternately, and prints the table.</summary>
internal static class BenchmarkTimer
{
    public sealed record Row(string Name, List<double> Service, List<double> Raw);

    public static async Task<Row> MeasureAsync(string name, int iterations, Func<int> pick, Func<int, Task> service, Func<int, Task> raw)
    {
        // Progress to stderr: the table goes to stdout when every row is measured.
        Console.Error.WriteLine($"Measuring: {name} ({iterations}×)");

        // Warm up both (JIT, EF query cache, SQLite page cache) before timing; then alternate so both see the same cache.
        for (var i = 0; i < Math.Min(20, iterations); i++)
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

    /// <summary>
    /// As <see cref="MeasureAsync(string, int, Func{int}, Func{int, Task}, Func{int, Task})"/>, and checks each service
    /// result outside the timed section: <paramref name="verify"/> says what is wrong with it, or null. A row whose
    /// calls did not return what was asked for measured nothing worth printing, so it throws.
    /// </summary>
    public static async Task<Row> MeasureAsync<T>(
        string name, int iterations, Func<int> pick, Func<int, Task<T>> service, Func<int, T, string?> verify, Func<int, Task> raw)
    {
        var wrong = new List<string>();
        var row = await MeasureAsync(name, iterations, pick, async target =>
        {
            var result = await service(target);
            if (verify(target, result) is { } problem && wrong.Count < 5)
            {
                wrong.Add(problem);
            }
        }, raw);
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{name}: the service did not return what was asked for, so the timing is invalid: {string.Join("; ", wrong)}");
        }

        return row;
    }

    public static void PrintTable(IEnumerable<Row> rows, TextWriter output)
    {
        output.WriteLine($"{"Query",-46} {"service p50",12} {"service p95",12} {"raw p50",10} {"raw p95",10} {"p95 ratio",10}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Name,-46} {Ms(row.Service, 50),12} {Ms(row.Service, 95),12} {Ms(row.Raw, 50),10} {Ms(row.Raw, 95),10} {Percentile(row.Service, 95) / Percentile(row.Raw, 95),10:F2}");
        }
    }

    public static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Ms(List<double> values, int percentile) =>
        Percentile(values, percentile).ToString("F2", CultureInfo.InvariantCulture) + " ms";

    /// <summary>One statement with raw Microsoft.Data.Sqlite, every value of every row read.</summary>
    public static async Task RawAsync(SqliteConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    }
}
