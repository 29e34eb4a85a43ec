using System.Diagnostics;
using System.Globalization;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Imports;
using CustomerManager.Domain.Organisation;
using CustomerManager.Web.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-import N</c>: a generated workbook of N customers, each with a division account, and an opening balance
/// for every tenth, validated (ClosedXML read + dry run) and imported through <see cref="DataImportService"/> into a new
/// SQLite file. Prints rows per second for each step and the process's peak working set, and checks that the database
/// then holds exactly what the file brought: otherwise it fails.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(int count, string? file, TextWriter output, CancellationToken cancellationToken = default)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"cm-import-{count}-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={file}";
        var balances = count / 10;
        try
        {
            var divisionId = await BenchmarkServices.CreateDatabaseAsync(connectionString, "Clothing", "CLO", DivisionType.Clothing, cancellationToken);
            var workbook = await GenerateAsync(count, cancellationToken);
            var rows = count + balances;
            var defaults = new ImportOptions();
            var options = new ImportOptions { MaxRows = Math.Max(defaults.MaxRows, rows), MaxFileBytes = Math.Max(defaults.MaxFileBytes, workbook.LongLength) };
            await using var provider = BenchmarkServices.Build(connectionString, Path.GetDirectoryName(Path.GetFullPath(file))!, services =>
            {
                services.AddSingleton<BusinessDefaults>();
                services.AddSingleton(options);
                services.AddSingleton<IImportWorkbook, ImportWorkbook>();
                services.AddScoped<DataImportService>();
            });
            using var system = AmbientUser.Use(AmbientUser.System);
            var service = provider.GetRequiredService<DataImportService>();

            var watch = Stopwatch.StartNew();
            var check = await service.ValidateAsync("benchmark.xlsx", workbook, cancellationToken);
            var validation = watch.Elapsed.TotalSeconds;
            if (check.Problems.Count > 0 || check.Counts.Ready != rows)
            {
                throw new InvalidOperationException(
                    $"The dry run found {check.Counts.Ready:N0} of {rows:N0} rows ready ({string.Join("; ", check.Problems.Concat(check.FirstProblems(3).Select(p => p.Message)))}): the benchmark is invalid.");
            }

            watch.Restart();
            var result = await service.ImportAsync(check, null, cancellationToken);
            var import = watch.Elapsed.TotalSeconds;
            await VerifyAsync(provider, result, count, balances, divisionId, cancellationToken);
            using var process = Process.GetCurrentProcess();
            process.Refresh();

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Import benchmark: {count:N0} customers with a division account and {balances:N0} opening balances ({rows:N0} rows), workbook {workbook.Length / (1024.0 * 1024.0):F1} MB, file {file}"));
            output.WriteLine($"{"Step",-38} {"rows",9} {"seconds",8} {"rows/s",9}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Validate (ClosedXML read + dry run)",-38} {rows,9:N0} {validation,8:F2} {rows / Math.Max(validation, 1e-9),9:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Import (batches of " + options.BatchSize + ")",-38} {result.Counts.Imported,9:N0} {import,8:F2} {result.Counts.Imported / Math.Max(import, 1e-9),9:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB; allocated: {GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0):F0} MB"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Verified: {count:N0} customers, {count:N0} accounts, {balances:N0} opening balances imported. Default limits: Import:MaxFileBytes {defaults.SizeLimitText}, Import:MaxRows {defaults.MaxRows:N0}."));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>What the database holds after the import must be exactly what the file brought.</summary>
    private static async Task VerifyAsync(IServiceProvider provider, ImportResult result, int count, int balances, int divisionId, CancellationToken cancellationToken)
    {
        await using var db = await provider.GetRequiredService<ICustomerDbFactory>().OpenAsync(cancellationToken);
        var customers = await db.Customers.CountAsync(c => c.ExternalReference != null, cancellationToken);
        var accounts = await db.DivisionAccounts.CountAsync(a => a.DivisionId == divisionId, cancellationToken);
        var openings = await db.AccountEntries.CountAsync(e => e.Kind == AccountEntryKind.OpeningBalance, cancellationToken);
        var ledgerTotal = await db.AccountEntries.Where(e => e.Kind == AccountEntryKind.OpeningBalance).SumAsync(e => e.Amount, cancellationToken);
        var expectedTotal = Enumerable.Range(0, balances).Sum(i => Amount(i * 10));
        if (result.Status != DataImportStatus.Completed || result.Counts.Imported != count + balances || customers != count || accounts != count
            || openings != balances || ledgerTotal != expectedTotal)
        {
            throw new InvalidOperationException(
                $"The import left {customers:N0} customers, {accounts:N0} accounts and {openings:N0} opening balances totalling {ledgerTotal:N2} " +
                $"(status {result.Status}, {result.Counts.Imported:N0} rows imported), not {count:N0}, {count:N0}, {balances:N0} and {expectedTotal:N2}: the benchmark is invalid.");
        }
    }

    private static decimal Amount(int i) => 100m + (i % 997);

    /// <summary>The workbook, written fast with SpreadCheetah in the template's layout (what is measured is reading it).</summary>
    private static async Task<byte[]> GenerateAsync(int count, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken))
        {
            string[] customerColumns = [ImportLayout.Keys.ExternalNumber, ImportLayout.Keys.Type, ImportLayout.Keys.FirstName, ImportLayout.Keys.LastName,
                ImportLayout.Keys.Phone, ImportLayout.Keys.Email, ImportLayout.Keys.NationalId, ImportLayout.Keys.City, ImportLayout.Keys.Division,
                ImportLayout.Keys.CreditLimit];
            await spreadsheet.StartWorksheetAsync(ImportLayout.Customers.Name, null, cancellationToken);
            await spreadsheet.AddHeaderRowAsync(customerColumns.Select(k => ImportLayout.Customers.Find(k)!.TemplateHeader).ToList(), null, cancellationToken);
            var cells = new Cell[customerColumns.Length];
            for (var i = 0; i < count; i++)
            {
                var name = Letters(i);
                cells[0] = new Cell($"BM-{i:D7}");
                cells[1] = new Cell("Individual");
                cells[2] = new Cell("Fn" + name);
                cells[3] = new Cell("Ln" + name);
                cells[4] = new Cell($"082{i:D7}");
                cells[5] = new Cell($"bm{i}@example.com");
                cells[6] = new Cell($"85{i:D11}");
                cells[7] = new Cell("Durban");
                cells[8] = new Cell("CLO");
                cells[9] = new Cell(i % 3 == 0 ? 2000m : 0m);
                await spreadsheet.AddRowAsync(cells, cancellationToken);
            }

            string[] balanceColumns = [ImportLayout.Keys.ExternalNumber, ImportLayout.Keys.Division, ImportLayout.Keys.AsOf, ImportLayout.Keys.Amount];
            await spreadsheet.StartWorksheetAsync(ImportLayout.OpeningBalances.Name, null, cancellationToken);
            await spreadsheet.AddHeaderRowAsync(balanceColumns.Select(k => ImportLayout.OpeningBalances.Find(k)!.TemplateHeader).ToList(), null, cancellationToken);
            var balance = new Cell[balanceColumns.Length];
            for (var i = 0; i < count; i += 10)
            {
                balance[0] = new Cell($"BM-{i:D7}");
                balance[1] = new Cell("CLO");
                balance[2] = new Cell("2026-01-31");
                balance[3] = new Cell(Amount(i));
                await spreadsheet.AddRowAsync(balance, cancellationToken);
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        return stream.ToArray();
    }

    /// <summary>A distinct letters-only name part per row, so no two rows look like the same person.</summary>
    private static string Letters(int i)
    {
        var chars = new char[6];
        for (var k = 5; k >= 0; k--)
        {
            chars[k] = (char)('a' + (i % 26));
            i /= 26;
        }

        return new string(chars);
    }
}
