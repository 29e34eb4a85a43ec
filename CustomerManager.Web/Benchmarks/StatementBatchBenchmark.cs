using System.Diagnostics;
using System.Globalization;
using CustomerManager.Data;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using CustomerManager.Web.Documents;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-statements N</c>: N credit accounts with about 20 ledger entries each over the last two months, in a
/// separate SQLite file; then the statement batch for last month through <see cref="StatementService"/> (computed and
/// stored) and, separately, PDF rendering of the stored statements on one thread (per core).
/// </summary>
internal static class StatementBatchBenchmark
{
    public static async Task<int> RunAsync(int count, int pdfs, string? file, TextWriter output, CancellationToken cancellationToken = default)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"cm-statements-{count}.db");
        File.Delete(file);
        var connectionString = $"Data Source={file}";
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var start = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var divisionId = await BenchmarkServices.CreateDatabaseAsync(connectionString, "Clothing", "CLO", DivisionType.Clothing, cancellationToken);

        var watch = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await BenchmarkCustomers.InsertAsync(connection, count, done => output.Write($"\rCustomers: {done:N0}/{count:N0}"), cancellationToken);
            await InsertLedgersAsync(connection, count, divisionId, start, cancellationToken);
        }

        output.WriteLine($"\nSeeded {count:N0} accounts with ~20 entries each in {watch.Elapsed.TotalSeconds:F1} s.");

        await using var provider = BenchmarkServices.Build(
            connectionString, Path.GetDirectoryName(file)!, services => services.AddScoped<StatementService>());
        using var system = AmbientUser.Use(AmbientUser.System);
        var statements = provider.GetRequiredService<StatementService>();

        watch.Restart();
        var result = await statements.RunBatchAsync(divisionId, start.Year, start.Month, includeQuiet: false,
            new Progress<StatementBatchProgress>(p => { if (p.Done % 1000 == 0) { output.Write($"\rStatements: {p.Done:N0}/{p.Total:N0}"); } }),
            cancellationToken);
        var computeSeconds = watch.Elapsed.TotalSeconds;

        // A batch that stored fewer statements than there are accounts measured the wrong thing: stop loudly.
        var storedCount = (await statements.ListAsync(divisionId, start.Year, start.Month, 0, 1, cancellationToken)).TotalCount;
        if (result.Generated != count || storedCount != count)
        {
            throw new InvalidOperationException(
                $"The batch generated {result.Generated:N0} and stored {storedCount:N0} statements for {count:N0} accounts: the benchmark is invalid.");
        }

        var numbers = (await statements.ListAsync(divisionId, start.Year, start.Month, 0, pdfs, cancellationToken)).Items.Select(s => s.Number).ToList();
        var stored = new List<Statement>();
        foreach (var number in numbers)
        {
            stored.Add(await statements.GetAsync(number, cancellationToken));
        }

        var renderer = new StatementPdf(provider.GetRequiredService<BusinessTime>());
        renderer.Render(stored[0]);
        watch.Restart();
        long bytes = 0;
        foreach (var statement in stored)
        {
            bytes += renderer.Render(statement).Length;
        }

        var pdfSeconds = watch.Elapsed.TotalSeconds;
        if (stored.Count != Math.Min(pdfs, count) || stored.Any(st => st.Lines.Count == 0))
        {
            throw new InvalidOperationException($"Rendered {stored.Count:N0} statements, expected {Math.Min(pdfs, count):N0} with lines each: the benchmark is invalid.");
        }
        output.WriteLine();
        output.WriteLine($"Statement batch benchmark: {count:N0} accounts, month {start:yyyy-MM}, file {file}");
        output.WriteLine($"{"Step",-44} {"items",8} {"seconds",9} {"per second",11}");
        output.WriteLine($"{"Statements computed and stored (batch)",-44} {result.Generated,8} {computeSeconds,9:F2} {result.Generated / computeSeconds,11:F0}");
        output.WriteLine($"{"Statement PDFs rendered (one thread)",-44} {stored.Count,8} {pdfSeconds,9:F2} {stored.Count / pdfSeconds,11:F0}");
        output.WriteLine($"Average PDF size {bytes / Math.Max(1, stored.Count) / 1024.0:F1} KiB.");
        return 0;
    }

    /// <summary>One active credit account per customer; ten sales and ten payments over the two months before last.</summary>
    private static async Task InsertLedgersAsync(SqliteConnection connection, int count, int divisionId, DateOnly lastMonthStart, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var opened = lastMonthStart.AddMonths(-2).ToDateTime(TimeOnly.MinValue).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using (var accounts = connection.CreateCommand())
        {
            accounts.Transaction = transaction;
            accounts.CommandText = $$"""
                INSERT INTO DivisionAccounts (CustomerId, DivisionId, AccountNumber, Status, CreditLimit, PaymentTermsDays, AllowLayby,
                    AllowCredit, Balance, LoyaltyPoints, LoyaltyTier, MarketingConsent, SmsConsent, EmailConsent, PreferencesJson,
                    CustomFieldsJson, OpenedAtUtc, Version)
                SELECT Id, {{divisionId}}, printf('CLO-CUST-%06d', Id), 'Active', 5000000, 30, 1, 1, 0, 0, 'Bronze', 0, 0, 0, '{}', '{}', '{{opened}}', 0
                FROM Customers
                """;
            await accounts.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = """
            INSERT INTO AccountEntries (DivisionAccountId, Kind, Amount, PostingDate, DueDate, Reference, CreatedAtUtc, CreatedBy)
            VALUES ($account, $kind, $amount, $date, $due, $reference, $date, 'bench')
            """;
        var account = entry.Parameters.Add("$account", SqliteType.Integer);
        var kind = entry.Parameters.Add("$kind", SqliteType.Text);
        var amount = entry.Parameters.Add("$amount", SqliteType.Integer);
        var date = entry.Parameters.Add("$date", SqliteType.Text);
        var due = entry.Parameters.Add("$due", SqliteType.Text);
        var reference = entry.Parameters.Add("$reference", SqliteType.Text);
        await entry.PrepareAsync(cancellationToken);
        var random = new Random(11);
        for (var id = 1; id <= count; id++)
        {
            for (var n = 0; n < 20; n++)
            {
                var day = lastMonthStart.AddMonths(-1).AddDays(random.Next(0, 58));
                var isSale = n % 2 == 0;
                account.Value = id;
                kind.Value = isSale ? "SaleOnAccount" : "Payment";
                amount.Value = (isSale ? 1 : -1) * random.Next(1_000, 50_000);
                date.Value = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                due.Value = isSale ? day.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
                reference.Value = isSale ? $"INV-{id}-{n}" : DBNull.Value;
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var balances = connection.CreateCommand())
        {
            balances.Transaction = transaction;
            balances.CommandText = "UPDATE DivisionAccounts SET Balance = (SELECT COALESCE(SUM(Amount), 0) FROM AccountEntries e WHERE e.DivisionAccountId = DivisionAccounts.Id)";
            await balances.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
