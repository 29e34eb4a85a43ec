using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CustomerManager.Data;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Web.Components.Pages.Reports;
using CustomerManager.Web.Exports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-export N</c>: N customers with a division account each in a separate SQLite file, exported as the
/// customer report (10 columns) to .xlsx through the export module, next to bare <see cref="OpenXmlWriter"/> loops that
/// write the same cells from the same query: one into the same write-only zip the module uses, one into the SDK's own
/// package. Each path runs three times, alternating; the median time is printed, with the peak growth of the managed
/// heap and of the process working set over what they were before the run (sampled every 5 ms).
/// </summary>
internal static class ExportBenchmark
{
    private const int Rounds = 3;

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

            var paths = new (string Name, Func<string, Task<int>> Run)[]
            {
                ("Module (customer report export, .xlsx)", path => ModuleAsync(reports, filter, path, cancellationToken)),
                ("Bare OpenXmlWriter loop, write-only zip", path => BareAsync(reports, filter, path, sdkPackage: false, cancellationToken)),
                ("Bare OpenXmlWriter loop, SDK package", path => BareAsync(reports, filter, path, sdkPackage: true, cancellationToken)),
                ("Rows read only (no file)", _ => ReadOnlyAsync(reports, filter, cancellationToken)),
            };

            // Warm-up: JIT and the SQLite page cache, so no path pays for them.
            foreach (var (_, run) in paths)
            {
                await run(Path.Combine(folder, "warm-up.xlsx"));
            }

            var results = paths.Select(_ => new List<Measurement>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var p = 0; p < paths.Length; p++)
                {
                    var path = Path.Combine(folder, $"export-{p}-{round}.xlsx");
                    results[p].Add(await MeasureAsync(() => paths[p].Run(path), path));
                }
            }

            output.WriteLine();
            output.WriteLine($"Export benchmark: {count:N0} customer rows x 10 columns to .xlsx, median of {Rounds} runs, file {file}");
            output.WriteLine($"{"Path",-42} {"rows",9} {"seconds",8} {"rows/s",9} {"heap peak +MB",14} {"working set peak +MB",21} {"file KiB",9}");
            for (var p = 0; p < paths.Length; p++)
            {
                var m = results[p].OrderBy(r => r.Seconds).ElementAt(Rounds / 2);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{paths[p].Name,-42} {m.Rows,9:N0} {m.Seconds,8:F2} {m.Rows / Math.Max(m.Seconds, 1e-9),9:N0} {results[p].Max(r => r.HeapGrowthMb),14:F1} {results[p].Max(r => r.WorkingSetGrowthMb),21:F1} {m.FileKiB,9:N0}"));
            }

            var module = Median(results[0]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ratio module / bare loop (write-only zip): {module / Median(results[1]):F2}; module / bare loop (SDK package): {module / Median(results[2]):F2}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<Measurement> runs) => runs.OrderBy(r => r.Seconds).ElementAt(Rounds / 2).Seconds;

    private static async Task<int> ModuleAsync(ReportService reports, CustomerReportFilter filter, string path, CancellationToken cancellationToken)
    {
        var export = ReportExports.CustomerList(reports, filter, null, null);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return await new XlsxTableWriter().WriteAsync(export, stream, null, cancellationToken);
    }

    /// <summary>The same header and data cells, typed and styled the same, with nothing between the query and the writer.</summary>
    private static async Task<int> BareAsync(
        ReportService reports, CustomerReportFilter filter, string path, bool sdkPackage, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        if (sdkPackage)
        {
            using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = XlsxStyles.Stylesheet("ZAR");
            var sheet = workbook.AddNewPart<WorksheetPart>();
            int rows;
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                rows = await WriteSheetAsync(writer, reports, filter, cancellationToken);
            }

            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Customers", SheetId = 1U, Id = workbook.GetIdOfPart(sheet) }));
            return rows;
        }

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        XlsxPackage.WriteText(zip, "[Content_Types].xml", XlsxPackage.ContentTypes);
        XlsxPackage.WriteText(zip, "_rels/.rels", XlsxPackage.RootRelationships);
        XlsxPackage.WriteText(zip, "xl/_rels/workbook.xml.rels", XlsxPackage.WorkbookRelationships);
        XlsxPackage.WriteElement(zip, XlsxPackage.WorkbookPath, XlsxPackage.Workbook("Customers"));
        XlsxPackage.WriteElement(zip, XlsxPackage.StylesPath, XlsxStyles.Stylesheet("ZAR"));
        using var entry = zip.CreateEntry(XlsxPackage.SheetPath, CompressionLevel.Fastest).Open();
        using var zipWriter = OpenXmlWriter.Create(entry);
        return await WriteSheetAsync(zipWriter, reports, filter, cancellationToken);
    }

    private static async Task<int> WriteSheetAsync(OpenXmlWriter writer, ReportService reports, CustomerReportFilter filter, CancellationToken cancellationToken)
    {
        string[] headers = ["Number", "Name", "Type", "Phone", "E-mail", "City", "Registered", "Accounts", "Balance", "Credit limit"];
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        writer.WriteStartElement(new Row());
        foreach (var header in headers)
        {
            writer.WriteElement(Text(header, 3));
        }

        writer.WriteEndElement();
        var rows = 0;
        await foreach (var c in reports.StreamCustomerListAsync(filter, cancellationToken))
        {
            writer.WriteStartElement(new Row());
            writer.WriteElement(Text(c.CustomerNumber, 0));
            writer.WriteElement(Text(c.FullName, 0));
            writer.WriteElement(Text(c.Type.ToString(), 0));
            writer.WriteElement(Text(c.PrimaryPhone, 0));
            writer.WriteElement(c.PrimaryEmail is null ? new Cell() : Text(c.PrimaryEmail, 0));
            writer.WriteElement(c.City is null ? new Cell() : Text(c.City, 0));
            writer.WriteElement(Number(c.RegisteredAtUtc.Date.ToOADate().ToString(CultureInfo.InvariantCulture), 5));
            writer.WriteElement(Number(c.Accounts.ToString(CultureInfo.InvariantCulture), 7));
            writer.WriteElement(Number(c.Balance.ToString(CultureInfo.InvariantCulture), 4));
            writer.WriteElement(Number(c.CreditLimit.ToString(CultureInfo.InvariantCulture), 4));
            writer.WriteEndElement();
            rows++;
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        return rows;
    }

    private static Cell Text(string value, uint style) =>
        new(new InlineString(new Text(value))) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(string value, uint style) => new(new CellValue(value)) { StyleIndex = style };

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
        long heapPeak = heapBefore, workingSetPeak = workingSetBefore;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
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
        return new Measurement(rows, seconds, (heapPeak - heapBefore) / 1048576d, (workingSetPeak - workingSetBefore) / 1048576d, kib);
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

    private sealed record Measurement(int Rows, double Seconds, double HeapGrowthMb, double WorkingSetGrowthMb, long FileKiB);
}
