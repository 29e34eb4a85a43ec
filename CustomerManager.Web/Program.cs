using CustomerManager.Data;
using CustomerManager.Data.Seeding;
using CustomerManager.Web;

// Command-line tools that need no web host (see README).
if (CommandLine.Find(args, "--benchmark-customers") is { } benchmarkCount)
{
    return await CustomerManager.Web.Benchmarks.CustomerLookupBenchmark.RunAsync(
        int.Parse(benchmarkCount, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(CommandLine.Find(args, "--iterations") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
        CommandLine.Find(args, "--file"),
        Console.Out);
}

if (CommandLine.Find(args, "--benchmark-statements") is { } statementCount)
{
    return await CustomerManager.Web.Benchmarks.StatementBatchBenchmark.RunAsync(
        int.Parse(statementCount, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(CommandLine.Find(args, "--pdfs") ?? "500", System.Globalization.CultureInfo.InvariantCulture),
        CommandLine.Find(args, "--file"),
        Console.Out);
}

if (Array.IndexOf(args, "--benchmark-export") >= 0)
{
    // The row count is optional: "--benchmark-export" alone exports 100,000 rows.
    var exportCount = CommandLine.Find(args, "--benchmark-export") is { } n && !n.StartsWith("--", StringComparison.Ordinal) ? n : "100000";
    return await CustomerManager.Web.Benchmarks.ExportBenchmark.RunAsync(
        int.Parse(exportCount, System.Globalization.CultureInfo.InvariantCulture), CommandLine.Find(args, "--file"), Console.Out);
}

if (Array.IndexOf(args, "--benchmark-import") >= 0)
{
    // The customer count is optional: "--benchmark-import" alone imports 100,000 customers.
    var importCount = CommandLine.Find(args, "--benchmark-import") is { } n && !n.StartsWith("--", StringComparison.Ordinal) ? n : "100000";
    using var cancel = CommandLine.CancelOnCtrlC();
    return await CustomerManager.Web.Benchmarks.ImportBenchmark.RunAsync(
        int.Parse(importCount, System.Globalization.CultureInfo.InvariantCulture), CommandLine.Find(args, "--file"), Console.Out, cancel.Token);
}

if (CommandLine.Find(args, "--generate-data") is { } generateCount)
{
    using var cancel = CommandLine.CancelOnCtrlC();
    return await CustomerManager.Web.Benchmarks.ScaleDataCommand.RunAsync(
        int.Parse(generateCount, System.Globalization.CultureInfo.InvariantCulture),
        CommandLine.Find(args, "--file") ?? throw new ArgumentException("--generate-data needs --file path.db"),
        args.Contains("--replace"), Console.Out, cancel.Token);
}

if (args.Contains("--benchmark-scale"))
{
    return await CustomerManager.Web.Benchmarks.ScaleBenchmark.RunAsync(
        CommandLine.Find(args, "--file") ?? throw new ArgumentException("--benchmark-scale needs --file path.db"),
        int.Parse(CommandLine.Find(args, "--iterations") ?? "1000", System.Globalization.CultureInfo.InvariantCulture),
        Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCustomerManager();

var app = builder.Build();
if (args.Contains("--backup"))
{
    return CustomerManager.Web.Backups.BackupCommands.Backup(app.Services, CommandLine.Find(args, "--backup"), Console.Out);
}

if (args.Contains("--restore"))
{
    return CustomerManager.Web.Backups.BackupCommands.Restore(app.Services, CommandLine.Find(args, "--restore"), Console.Out);
}

// Held until the app stops: a restore refuses to replace the database under a running app.
app.Services.GetService<CustomerManager.Data.Backups.SqliteDatabaseFile>()?.HoldWhileRunning();
var demoRequested = args.Contains("--seed-demo");
await app.InitializeDatabaseAsync(seedDemo: demoRequested || app.Environment.IsDevelopment());
if (args.Contains("--seed-only"))
{
    return 0;
}

if (args.Contains("--check-balances"))
{
    // Recomputes every division account's cached balance from its ledger; with --fix, corrects the differences.
    return await app.CheckBalancesAsync(fix: args.Contains("--fix"), Console.Out);
}

app.UseCustomerManager();
await app.RunAsync();
return 0;

/// <summary>Entry point type for WebApplicationFactory in the tests.</summary>
public partial class Program;
