using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Laybys;
using CustomerManager.Web.Benchmarks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Scale;

/// <summary>
/// The generator's output on 10,000 customers keeps the ledger and layby invariants, checked with SQL over every row
/// and through the domain services on samples, and the app carries on numbering after it.
/// </summary>
public class ScaleDataTests(ScaleDataTests.GeneratedFile generated) : IClassFixture<ScaleDataTests.GeneratedFile>
{
    public const int Customers = 10_000;

    public sealed class GeneratedFile : IAsyncLifetime
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cm-scale-{Guid.NewGuid():N}.db");

        public string Output { get; private set; } = "";

        public int ExitCode { get; private set; }

        public async Task InitializeAsync()
        {
            var output = new StringWriter();
            ExitCode = await ScaleDataCommand.RunAsync(Customers, Path, replace: false, output, CancellationToken.None);
            Output = output.ToString();
        }

        public Task DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Every_table_is_filled_in_the_stated_proportions()
    {
        Assert.Equal(0, generated.ExitCode);
        Assert.Contains($"Generated {Customers:N0} customers", generated.Output);
        // Counted by who wrote them: another test here adds a customer and payments through the services.
        Assert.Equal(Customers, await ScalarAsync("SELECT COUNT(*) FROM Customers WHERE CreatedBy = 'scale-data'"));
        Assert.Equal(Customers / 5, await ScalarAsync("SELECT COUNT(*) FROM Laybys WHERE OpenedBy = 'scale-data'"));
        Assert.Equal(Customers * 2, await ScalarAsync("SELECT COUNT(*) FROM AccountEntries WHERE CreatedBy = 'scale-data'"));
        Assert.InRange(await ScalarAsync("SELECT COUNT(*) FROM DivisionAccounts"), Customers, Customers * 2);
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(DISTINCT DivisionId) FROM Laybys"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));
        // Issue 17: 5,000 institutions; every 50th customer in the first, every other 10th in one of the rest; every
        // 100th looked after by an employee. Each member has exactly its one open membership row.
        Assert.Equal(ScaleDataWriter.Institutions, await ScalarAsync("SELECT COUNT(*) FROM Institutions WHERE CreatedBy = 'scale-data'"));
        var large = Enumerable.Range(1, Customers).Count(id => id % 50 == 1);
        Assert.Equal(large, await ScalarAsync($"SELECT COUNT(*) FROM Customers WHERE InstitutionId = {ScaleDataWriter.LargeInstitutionId}"));
        Assert.Equal(large + Enumerable.Range(1, Customers).Count(id => id % 50 != 1 && id % 10 == 3), await ScalarAsync("SELECT COUNT(*) FROM Customers WHERE InstitutionId IS NOT NULL AND Designation IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM Customers c WHERE c.InstitutionId IS NOT (SELECT m.InstitutionId FROM InstitutionMemberships m WHERE m.CustomerId = c.Id AND m.EndedAtUtc IS NULL)"));
        Assert.Equal(Enumerable.Range(1, Customers).Count(id => id % 100 == 4), await ScalarAsync("SELECT COUNT(*) FROM Assignments WHERE CreatedBy = 'scale-data' AND IsActive = 1"));
    }

    [Fact]
    public async Task Ledger_invariants_hold_for_every_account()
    {
        // Balance = sum of entries; no charge or payment is allocated beyond its amount.
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM DivisionAccounts a WHERE Balance <> (SELECT COALESCE(SUM(Amount), 0) FROM AccountEntries e WHERE e.DivisionAccountId = a.Id)"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM AccountEntries c WHERE c.Amount > 0 AND (SELECT COALESCE(SUM(Amount), 0) FROM PaymentAllocations p WHERE p.ChargeEntryId = c.Id) > c.Amount"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM AccountEntries c WHERE c.Kind = 'Payment' AND (SELECT COALESCE(SUM(Amount), 0) FROM PaymentAllocations p WHERE p.PaymentEntryId = c.Id) > -c.Amount"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM PaymentAllocations p JOIN AccountEntries pay ON pay.Id = p.PaymentEntryId JOIN AccountEntries ch ON ch.Id = p.ChargeEntryId WHERE pay.DivisionAccountId <> ch.DivisionAccountId OR p.Amount <= 0"));
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM PaymentAllocations") > Customers / 5);

        var differences = await AsSystemAsync(s => s.GetRequiredService<AccountLedgerService>().CheckBalancesAsync(false));
        Assert.Empty(differences);
        var ledger = await AsSystemAsync(async s => await s.GetRequiredService<AccountLedgerService>().LedgerAsync(
            (int)await ScalarAsync("SELECT MAX(Id) FROM DivisionAccounts WHERE AllowCredit = 1")));
        Assert.Equal(10, ledger.Count);
        Assert.Equal(ledger.Sum(l => l.Entry.Amount), ledger[^1].RunningBalance);
    }

    [Fact]
    public async Task Layby_invariants_hold_for_every_layby_and_through_the_domain()
    {
        const string fees = "(SELECT COALESCE(SUM(Amount), 0) FROM LaybyEntries e WHERE e.LaybyId = l.Id AND e.Kind IN ('ServiceFee', 'AdminFee', 'LateFee'))";
        const string paid = "(SELECT -COALESCE(SUM(Amount), 0) FROM LaybyEntries e WHERE e.LaybyId = l.Id AND e.Kind IN ('Deposit', 'Payment'))";
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM Laybys l WHERE Balance <> (SELECT SUM(Amount) FROM LaybyEntries e WHERE e.LaybyId = l.Id)"));
        Assert.Equal(0, await ScalarAsync($"SELECT COUNT(*) FROM Laybys l WHERE {paid} + Balance <> Total + {fees}"));
        Assert.Equal(0, await ScalarAsync($"SELECT COUNT(*) FROM Laybys l WHERE (SELECT SUM(Amount) FROM LaybyInstalment i WHERE i.LaybyId = l.Id) <> Total + {fees} - Deposit"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM Laybys l WHERE Total <> (SELECT SUM(LineTotal) FROM LaybyItem i WHERE i.LaybyId = l.Id)"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM Laybys WHERE (Status = 'Completed') <> (Balance = 0)"));
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM Laybys WHERE Status = 'Active'") > 0);

        foreach (var id in await IdsAsync("SELECT Id FROM Laybys ORDER BY random() LIMIT 20"))
        {
            var layby = await AsSystemAsync(s => s.GetRequiredService<LaybyService>().GetAsync((int)id));
            Assert.Equal(layby.Total + layby.Fees, layby.TotalPaid + layby.Balance);
            Assert.Equal(layby.Entries.Sum(e => e.Amount), layby.Balance);
        }

        var overdue = await AsSystemAsync(s => s.GetRequiredService<LaybyService>().ListAsync(null, null, LaybyListFilter.Overdue, null, null, 0, 20));
        Assert.NotEmpty(overdue.Items);
    }

    [Fact]
    public async Task Numbers_are_unique_gap_free_and_the_app_carries_on_after_them()
    {
        foreach (var (table, column, prefix) in new[]
        {
            ("Customers", "CustomerNumber", "UCST"), ("DivisionAccounts", "AccountNumber", "CLO-CUST"), ("Laybys", "LaybyNumber", "LAY-HRD"),
        })
        {
            var count = await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {column} LIKE '{prefix}-%'");
            Assert.Equal(count, await ScalarAsync($"SELECT COUNT(DISTINCT {column}) FROM {table} WHERE {column} LIKE '{prefix}-%'"));
            Assert.Equal(count, await ScalarAsync($"SELECT MAX(CAST(substr({column}, {prefix.Length + 2}) AS INTEGER)) FROM {table} WHERE {column} LIKE '{prefix}-%'"));
            Assert.Equal(count, await ScalarAsync($"SELECT LastValue FROM NumberSequences WHERE Name = '{prefix}'"));
        }

        // Receipts share one sequence per division across layby and account payments.
        const string receipts = "SELECT ReceiptNumber FROM LaybyEntries WHERE ReceiptNumber LIKE 'RCT-GRO-%' UNION ALL SELECT ReceiptNumber FROM AccountEntries WHERE ReceiptNumber LIKE 'RCT-GRO-%'";
        var receiptCount = await ScalarAsync($"SELECT COUNT(*) FROM ({receipts})");
        Assert.Equal(receiptCount, await ScalarAsync($"SELECT COUNT(DISTINCT ReceiptNumber) FROM ({receipts})"));
        Assert.Equal(receiptCount, await ScalarAsync("SELECT LastValue FROM NumberSequences WHERE Name = 'RCT-GRO'"));

        var created = await AsSystemAsync(s => s.GetRequiredService<CustomerService>().CreateAsync(new CustomerDetails
        {
            Type = CustomerType.Business,
            CompanyName = "Zebra Generated Afterwards",
            PrimaryPhone = "0119998877",
            PrimaryEmail = "after@generated.example",
        }));
        Assert.Equal($"UCST-{Customers + 1:D6}", created.CustomerNumber);
        var active = (int)await ScalarAsync("SELECT MIN(Id) FROM Laybys WHERE Status = 'Active'");
        var payment = await AsSystemAsync(s => s.GetRequiredService<LaybyService>().PayAsync(active, 1m, PaymentMethod.Cash, null, Guid.NewGuid()));
        var code = await TextAsync($"SELECT Code FROM Divisions WHERE Id = (SELECT DivisionId FROM Laybys WHERE Id = {active})");
        Assert.Equal($"RCT-{code}-{await ScalarAsync($"SELECT LastValue FROM NumberSequences WHERE Name = 'RCT-{code}'"):D6}", payment.ReceiptNumber);
        var creditAccount = (int)await ScalarAsync("SELECT MIN(Id) FROM DivisionAccounts WHERE AllowCredit = 1");
        var accountCode = await TextAsync($"SELECT Code FROM Divisions WHERE Id = (SELECT DivisionId FROM DivisionAccounts WHERE Id = {creditAccount})");
        var before = await ScalarAsync($"SELECT LastValue FROM NumberSequences WHERE Name = 'RCT-{accountCode}'");
        var accountPayment = await AsSystemAsync(s => s.GetRequiredService<AccountLedgerService>().RecordPaymentAsync(creditAccount, 10m, PaymentMethod.Card, null, Guid.NewGuid()));
        Assert.Equal($"RCT-{accountCode}-{before + 1:D6}", accountPayment.ReceiptNumber);
    }

    [Fact]
    public async Task Generated_names_carry_the_search_keys_the_domain_computes()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FirstName, LastName, FullName, CompanyName, FirstNameKey, LastNameKey, FullNameKey, CompanyNameKey FROM Customers ORDER BY random() LIMIT 200";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            Assert.Equal(ContactNormalisation.NameKey(Text(0)), reader.GetString(4));
            Assert.Equal(ContactNormalisation.NameKey(Text(1)), reader.GetString(5));
            Assert.Equal(ContactNormalisation.NameKey(Text(2)), reader.GetString(6));
            Assert.Equal(ContactNormalisation.NameKey(Text(3)), reader.GetString(7));
        }

        var sample = await TextAsync("SELECT PrimaryPhone FROM Customers WHERE Id = 4321");
        var found = await AsSystemAsync(s => s.GetRequiredService<CustomerService>().SearchAsync(new CustomerQuery { Text = "0" + sample[3..] }, 0, 25));
        Assert.Equal(["UCST-004321"], found.Items.Select(i => i.CustomerNumber));
    }

    private async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var app = await ScaleHost.OpenAsync(generated.Path);
        return await app.AsSystemAsync(action);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={generated.Path}");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await ValueAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> TextAsync(string sql) => (string)(await ValueAsync(sql))!;

    private async Task<object?> ValueAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<long>> IdsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
