using System.Diagnostics;
using System.Globalization;
using CustomerManager.Data;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Web.Components.Pages.Reports;
using CustomerManager.Web.Exports;
using ClosedXML.Excel;
using SpreadCheetah;
using SpreadCheetah.Styling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-export N</c>: N customers with a division account each in a separate SQLite file, exported as the
/// customer report (10 columns) to .xlsx through the export module (SpreadCheetah), next to a bare SpreadCheetah loop
/// that writes the same typed, styled cells from the same query, and ClosedXML building the same rows in memory (up to
/// <see cref="ClosedXmlMaxRows"/> rows: beyond that it needs gigabytes). Each path runs three times, alternating; the
/// median time is printed, with the peak growth of the managed heap (live after the latest collection, and with garbage),
/// the bytes allocated and the peak growth of the process working set over what they were
/// before the run (sampled every 5 ms). Every run must write exactly N rows, or the benchmark fails.
/// </summary>
internal static class ExportBenchmark
{
    private const int Rounds = 3;
    private const int ClosedXmlMaxRows = 100_000;

    public static async Task<int> RunAsync(int count, string? file, TextWriter output, CancellationToken cancellationToken = default)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"cm-export-{count}.db");
        var folder = Path.Combine(Path.GetTempPath(), "cm-export-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var connectionString = $"Data Source={file}";
            var seconds = await SeedAsync(file, connectionString, count, cancellationToken);
            output.WriteLine($"Seeded {count:N0} customers with a division account each in {seconds:F1} s.");

            await using var provider = BenchmarkServices.Build(connectionString, Path.GetDirectoryName(file)!, services =>
            {
                services.AddScoped<StatementService>();
                services.AddScoped<ReportService>();
            });
            using var system = AmbientUser.Use(AmbientUser.System);
            var reports = provider.GetRequiredService<ReportService>();
            var filter = new CustomerReportFilter { Sort = CustomerReportSort.Number };

            var paths = new List<(string Name, Func<string, Task<int>> Run)>
            {
                ("Module (customer report export, .xlsx)", path => ModuleAsync(reports, filter, path, cancellationToken)),
                ("Bare SpreadCheetah loop", path => BareAsync(reports, filter, path, cancellationToken)),
            };
            if (count <= ClosedXmlMaxRows)
            {
                paths.Add(("ClosedXML, same rows", path => ClosedXmlAsync(reports, filter, path, cancellationToken)));
            }

            paths.Add(("Rows read only (no file)", _ => ReadOnlyAsync(reports, filter, cancellationToken)));

            // Warm-up: JIT and the SQLite page cache, so no path pays for them.
            foreach (var (name, run) in paths)
            {
                Verify(name, await run(Path.Combine(folder, "warm-up.xlsx")), count);
            }

            var results = paths.Select(_ => new List<Measurement>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var p = 0; p < paths.Count; p++)
                {
                    var path = Path.Combine(folder, $"export-{p}-{round}.xlsx");
                    var measurement = await MeasureAsync(() => paths[p].Run(path), path);
                    Verify(paths[p].Name, measurement.Rows, count);
                    results[p].Add(measurement);
                }
            }

            output.WriteLine();
            output.WriteLine($"Export benchmark: {count:N0} customer rows x 10 columns to .xlsx, median of {Rounds} runs, file {file}");
            output.WriteLine($"{"Path",-42} {"rows",9} {"seconds",8} {"rows/s",9} {"heap peak +MB",14} {"live after GC +MB",18} {"allocated MB",13} {"working set peak +MB",21} {"file KiB",9}");
            for (var p = 0; p < paths.Count; p++)
            {
                var m = results[p].OrderBy(r => r.Seconds).ElementAt(Rounds / 2);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{paths[p].Name,-42} {m.Rows,9:N0} {m.Seconds,8:F2} {m.Rows / Math.Max(m.Seconds, 1e-9),9:N0} {results[p].Max(r => r.HeapGrowthMb),14:F1} {results[p].Max(r => r.LiveAfterGcGrowthMb),18:F1} {m.AllocatedMb,13:F0} {results[p].Max(r => r.WorkingSetGrowthMb),21:F1} {m.FileKiB,9:N0}"));
            }

            if (count > ClosedXmlMaxRows)
            {
                output.WriteLine($"ClosedXML skipped above {ClosedXmlMaxRows:N0} rows (it keeps the whole workbook in memory).");
            }

            var module = Median(results[0]);
            var ratio = string.Create(CultureInfo.InvariantCulture, $"Ratio module / bare SpreadCheetah loop: {module / Median(results[1]):F2}");
            if (count <= ClosedXmlMaxRows)
            {
                ratio += string.Create(CultureInfo.InvariantCulture, $"; ClosedXML / module: {Median(results[2]) / module:F2}");
            }

            output.WriteLine(ratio);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A run that wrote fewer or more rows than were seeded measured the wrong thing: stop loudly.</summary>
    private static void Verify(string path, int rows, int expected)
    {
        if (rows != expected)
        {
            throw new InvalidOperationException($"{path} wrote {rows:N0} rows, not the {expected:N0} seeded: the benchmark is invalid.");
        }
    }

    private static double Median(List<Measurement> runs) => runs.OrderBy(r => r.Seconds).ElementAt(Rounds / 2).Seconds;

    private static async Task<int> ModuleAsync(ReportService reports, CustomerReportFilter filter, string path, CancellationToken cancellationToken)
    {
        var export = ReportExports.CustomerList(reports, filter, null, null);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return await new XlsxTableWriter().WriteAsync(export, stream, null, cancellationToken);
    }

    private static readonly string[] Headers = ["Number", "Name", "Type", "Phone", "E-mail", "City", "Registered", "Accounts", "Balance", "Credit limit"];

    /// <summary>The same header and data cells, typed and styled the same, with nothing between the query and the writer.</summary>
    private static async Task<int> BareAsync(ReportService reports, CustomerReportFilter filter, string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(stream, new SpreadCheetahOptions
        {
            CompressionLevel = SpreadCheetahCompressionLevel.Fastest,
            BufferSize = 1 << 16,
        }, cancellationToken);
        await spreadsheet.StartWorksheetAsync("Customers", null, cancellationToken);
        var header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        var number = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") });
        var money = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("[$ZAR] #,##0.00;-[$ZAR] #,##0.00") });
        await spreadsheet.AddHeaderRowAsync(Headers, header, cancellationToken);
        var cells = new Cell[Headers.Length];
        var rows = 0;
        await foreach (var c in reports.StreamCustomerListAsync(filter, cancellationToken))
        {
            cells[0] = new Cell(c.CustomerNumber);
            cells[1] = new Cell(c.FullName);
            cells[2] = new Cell(c.Type.ToString());
            cells[3] = new Cell(c.PrimaryPhone);
            cells[4] = new Cell(c.PrimaryEmail);
            cells[5] = new Cell(c.City);
            cells[6] = new Cell(c.RegisteredAtUtc.Date, date);
            cells[7] = new Cell(c.Accounts, number);
            cells[8] = new Cell(c.Balance, money);
            cells[9] = new Cell(c.CreditLimit, money);
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            rows++;
        }

        await spreadsheet.FinishAsync(cancellationToken);
        return rows;
    }

    /// <summary>The same cells through ClosedXML, the library for workbooks people edit: it builds the sheet in memory.</summary>
    private static async Task<int> ClosedXmlAsync(ReportService reports, CustomerReportFilter filter, string path, CancellationToken cancellationToken)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Customers");
        for (var i = 0; i < Headers.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(Headers[i]).Style.Font.Bold = true;
        }

        var row = 1;
        await foreach (var c in reports.StreamCustomerListAsync(filter, cancellationToken))
        {
            row++;
            sheet.Cell(row, 1).SetValue(c.CustomerNumber);
            sheet.Cell(row, 2).SetValue(c.FullName);
            sheet.Cell(row, 3).SetValue(c.Type.ToString());
            sheet.Cell(row, 4).SetValue(c.PrimaryPhone);
            sheet.Cell(row, 5).SetValue(c.PrimaryEmail);
            sheet.Cell(row, 6).SetValue(c.City);
            sheet.Cell(row, 7).SetValue(c.RegisteredAtUtc.Date);
            sheet.Cell(row, 8).SetValue(c.Accounts);
            sheet.Cell(row, 9).SetValue(c.Balance);
            sheet.Cell(row, 10).SetValue(c.CreditLimit);
        }

        sheet.Column(7).Style.NumberFormat.Format = "yyyy-mm-dd";
        sheet.Column(8).Style.NumberFormat.Format = "#,##0";
        sheet.Columns(9, 10).Style.NumberFormat.Format = "[$ZAR] #,##0.00;-[$ZAR] #,##0.00";
        workbook.SaveAs(path);
        return row - 1;
    }

    private static async Task<int> ReadOnlyAsync(ReportService reports, CustomerReportFilter filter, CancellationToken cancellationToken)
    {
        var rows = 0;
        await foreach (var _ in reports.StreamCustomerListAsync(filter, cancellationToken))
        {
            rows++;
        }

        return rows;
    }

    private static async Task<Measurement> MeasureAsync(Func<Task<int>> run, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        long heapPeak = heapBefore, workingSetPeak = workingSetBefore, liveAfterGcPeak = heapBefore;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                // What survived the latest collection: the memory an export really holds (the heap's peak above also
                // counts garbage not yet collected, which depends on the GC's budget more than on the export).
                var info = GC.GetGCMemoryInfo();
                liveAfterGcPeak = Math.Max(liveAfterGcPeak, info.HeapSizeBytes - info.FragmentedBytes);
                process.Refresh();
                workingSetPeak = Math.Max(workingSetPeak, process.WorkingSet64);
                try
                {
                    await Task.Delay(5, done.Token);
                }
                catch (OperationCanceledException)
                {
                    // Run finished.
                }
            }
        });
        var watch = Stopwatch.StartNew();
        var rows = await run();
        var seconds = watch.Elapsed.TotalSeconds;
        await done.CancelAsync();
        await sampler;
        var kib = File.Exists(path) ? new FileInfo(path).Length / 1024 : 0;
        File.Delete(path);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measurement(rows, seconds, (heapPeak - heapBefore) / 1048576d, (liveAfterGcPeak - heapBefore) / 1048576d,
            allocated / 1048576d, (workingSetPeak - workingSetBefore) / 1048576d, kib);
    }

    private static async Task<double> SeedAsync(string file, string connectionString, int count, CancellationToken cancellationToken)
    {
        File.Delete(file);
        var watch = Stopwatch.StartNew();
        var divisionId = await BenchmarkServices.CreateDatabaseAsync(connectionString, "Hardware", "HRD", DivisionType.Hardware, cancellationToken);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await BenchmarkCustomers.InsertAsync(connection, count, _ => { }, cancellationToken);
        await using var accounts = connection.CreateCommand();
        // Balances and limits in cents, varied so the numbers differ from row to row.
        accounts.CommandText = $$"""
            INSERT INTO DivisionAccounts (CustomerId, DivisionId, AccountNumber, Status, CreditLimit, PaymentTermsDays, AllowLayby,
                AllowCredit, Balance, LoyaltyPoints, LoyaltyTier, MarketingConsent, SmsConsent, EmailConsent, PreferencesJson,
                CustomFieldsJson, OpenedAtUtc, Version)
            SELECT Id, {{divisionId}}, printf('HRD-CUST-%06d', Id), 'Active', (Id % 50) * 100000, 30, 1, 1, (Id * 7919) % 2500000, 0,
                'Bronze', 0, 0, 0, '{}', '{}', CreatedAtUtc, 0
            FROM Customers
            """;
        await accounts.ExecuteNonQueryAsync(cancellationToken);
        return watch.Elapsed.TotalSeconds;
    }

    private sealed record Measurement(
        int Rows, double Seconds, double HeapGrowthMb, double LiveAfterGcGrowthMb, double AllocatedMb, double WorkingSetGrowthMb, long FileKiB);
}
