using System.Diagnostics;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--generate-data N --file path.db [--replace]</c>: a separate database, migrated and seeded with the organisation and
/// demo sign-ins, then N customers with accounts, ledgers and laybys (<see cref="ScaleDataWriter"/>), with a progress
/// bar; Ctrl+C stops after the current batch and leaves a consistent (smaller) database.
/// </summary>
internal static class ScaleDataCommand
{
    public static async Task<int> RunAsync(int count, string file, bool replace, TextWriter output, CancellationToken cancellationToken)
    {
        if (File.Exists(file))
        {
            if (!replace)
            {
                output.WriteLine($"{file} exists: choose another file or add --replace to generate it anew.");
                return 2;
            }

            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }

        var watch = Stopwatch.StartNew();
        IReadOnlyList<ScaleDivision> divisions;
        await using (var app = await ScaleHost.OpenAsync(file))
        {
            divisions = await app.AsSystemAsync(async services =>
            {
                // The set-up always completes; Ctrl+C stops the bulk load between batches.
                await using var db = await services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
                var policies = await db.LaybyPolicies.AsNoTracking().ToListAsync();
                return (IReadOnlyList<ScaleDivision>)(await db.Divisions.AsNoTracking().OrderBy(d => d.Id).ToListAsync())
                    .Select(d => new ScaleDivision(d.Id, d.Code, policies.Where(p => p.DivisionId == d.Id).MaxBy(p => p.VersionNumber)!))
                    .ToList();
            });
        }

        SqliteConnection.ClearAllPools();
        var prepared = watch.Elapsed;
        var bar = new ConsoleProgressBar(output, count, "customers");
        ScaleDataResult result;
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(CancellationToken.None);
            // Synchronous SQLite calls on a worker thread: the prepared INSERTs are the whole cost.
            result = await Task.Run(() => new ScaleDataWriter(connection, divisions, DateTime.UtcNow).Write(count, bar, cancellationToken), CancellationToken.None);
        }

        bar.Finish();
        var seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine(result.Cancelled
            ? $"Cancelled: {result.Customers:N0} of {count:N0} customers written (complete batches only; the file is consistent)."
            : $"Generated {result.Customers:N0} customers in {seconds:F1} s ({result.Customers / Math.Max(0.001, seconds - prepared.TotalSeconds):N0} customers/s after {prepared.TotalSeconds:F1} s of migration and set-up).");
        output.WriteLine($"{result.Accounts:N0} division accounts, {result.AccountEntries:N0} ledger entries, {result.Allocations:N0} payment allocations, " +
            $"{result.Laybys:N0} laybys with {result.LaybyEntries:N0} entries; file {file} ({new FileInfo(file).Length / 1024.0 / 1024.0:N0} MiB).");
        return result.Cancelled ? 1 : 0;
    }
}

/// <summary>A one-line console progress bar with rate and time left; reports arrive from the worker thread.</summary>
internal sealed class ConsoleProgressBar(TextWriter output, int total, string unit) : IProgress<int>
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public void Report(int value)
    {
        const int width = 30;
        var fraction = total == 0 ? 1 : Math.Min(1.0, (double)value / total);
        var elapsed = watch.Elapsed.TotalSeconds;
        var left = fraction > 0 ? elapsed / fraction - elapsed : 0;
        var filled = (int)(fraction * width);
        lock (this)
        {
            output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {value:N0}/{total:N0} {unit} · {elapsed:F0} s · {left:F0} s left   ");
        }
    }

    public void Finish() => output.WriteLine();
}
