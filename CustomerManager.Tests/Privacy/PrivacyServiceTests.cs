using System.Text.Json;
using CustomerManager.Data;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Privacy;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Privacy;

/// <summary>Privacy requests (DOMAIN.md §11): export everything held on a customer, and pseudonymise them.</summary>
public class PrivacyServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Export_holds_every_tables_rows_for_the_customer_and_nothing_of_another_customer()
    {
        var rich = await RichCustomerAsync(factory);
        var other = await OtherCustomerAsync();
        PrivacyExport export;
        using (Actors.As("privacy-admin", Roles.Admin))
        {
            export = await In<PrivacyService>(factory).ExportAsync(rich.Id);
        }

        using var json = JsonDocument.Parse(export.Json);
        var tables = json.RootElement.GetProperty("tables");
        var expected = await RowIdsOfAsync(rich.Id);
        var exportedKeys = new HashSet<(string, string)>();
        foreach (var (table, ids) in expected)
        {
            Assert.True(tables.TryGetProperty(table, out var rows), $"{table} is missing from the export");
            var exported = rows.EnumerateArray().Select(Key).Order().ToList();
            Assert.True(ids.Order().SequenceEqual(exported), $"{table}: expected [{string.Join(",", ids.Order())}], exported [{string.Join(",", exported)}]");
            // A person is never billed for an institution: those two tables are covered by the billed company's test.
            Assert.True(ids.Count > 0 || BilledInstitutionTables.Contains(table), $"the test customer has no {table} row: the test does not cover that table");
            exportedKeys.UnionWith(exported.Select(k => (EntityOf[table], k)));
        }

        Assert.Equal(2, expected["Customers"].Count); // the customer and the duplicate merged into it
        Assert.Equal(["privacy-test"], tables.GetProperty("CustomerTags").EnumerateArray().Select(t => t.GetProperty("Tag").GetString()));
        exportedKeys.Add(("CustomerTag", $"{rich.Id}|privacy-test"));
        // The audit trail: every row about the customer's rows, and only those.
        var audit = tables.GetProperty("AuditEntries").EnumerateArray().Select(a => (a.GetProperty("EntityType").GetString()!, a.GetProperty("EntityKey").GetString()!)).ToList();
        Assert.All(audit, a => Assert.Contains(a, exportedKeys));
        await using (var auditDb = await Db(factory))
        {
            var all = await auditDb.AuditEntries.Select(a => new { a.EntityType, a.EntityKey }).ToListAsync();
            Assert.Equal(all.Count(a => exportedKeys.Contains((a.EntityType, a.EntityKey))), audit.Count);
        }

        Assert.Equal(expected.Keys.Concat(["CustomerTags", "AuditEntries"]).Order(), tables.EnumerateObject().Select(t => t.Name).Order());
        foreach (var value in rich.PersonalValues.Take(3))
        {
            Assert.Contains(value, export.Json, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var value in other.Values)
        {
            Assert.DoesNotContain(value, export.Json, StringComparison.OrdinalIgnoreCase);
        }

        await using var db = await Db(factory);
        var logged = await db.PrivacyRequests.Where(r => r.CustomerId == rich.Id).ToListAsync();
        Assert.Equal(PrivacyRequestKind.Export, Assert.Single(logged).Kind);
        Assert.Equal("privacy-admin", logged[0].UserName);
    }

    [Fact]
    public async Task The_export_download_is_one_zip_with_the_json_and_a_readable_pdf_for_the_admin_who_made_it()
    {
        var rich = await RichCustomerAsync(factory);
        var other = await OtherCustomerAsync();
        Web.Exports.ExportFile file;
        using (Actors.As("privacy-admin", Roles.Admin))
        {
            file = await In<Web.Privacy.PrivacyExportFiles>(factory).ExportAsync(rich.Id);
        }

        Assert.Equal($"privacy-{rich.Number}-2026-09-02.zip", file.FileName);
        Assert.Null(In<Web.Exports.ExportFiles>(factory).Find(file.Token, "id-someone-else"));
        using var zip = new System.IO.Compression.ZipArchive(File.OpenRead(file.Path));
        Assert.Equal([$"privacy-{rich.Number}-2026-09-02.json", $"privacy-{rich.Number}-2026-09-02.pdf"], zip.Entries.Select(e => e.FullName).Order());
        string json;
        using (var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".json", StringComparison.Ordinal)).Open()))
        {
            json = await reader.ReadToEndAsync();
        }

        using var pdf = new MemoryStream();
        await zip.Entries.Single(e => e.Name.EndsWith(".pdf", StringComparison.Ordinal)).Open().CopyToAsync(pdf);
        var text = await Poppler.PdfToTextAsync(pdf.ToArray());
        Assert.Contains($"Personal data held on {rich.Number}", text);
        foreach (var table in new[] { "Customers (2 rows)", "AccountEntries", "LaybyEntries", "Statements (1 row)", "CreditApplications (1 row)", "AuditEntries" })
        {
            Assert.Contains(table, text);
        }

        foreach (var value in rich.PersonalValues.Take(3))
        {
            Assert.Contains(value, json, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(value, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var value in other.Values)
        {
            Assert.DoesNotContain(value, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Every_table_that_refers_to_a_customer_is_in_the_export()
    {
        await using var db = await Db(factory);
        var model = ((DbContext)db).Model;
        var reachesCustomer = new HashSet<string>(StringComparer.Ordinal) { nameof(Customer) };
        bool grew;
        do
        {
            grew = false;
            foreach (var type in model.GetEntityTypes())
            {
                if (!reachesCustomer.Contains(type.ClrType.Name) && type.GetForeignKeys().Any(fk => reachesCustomer.Contains(fk.PrincipalEntityType.ClrType.Name)))
                {
                    grew = reachesCustomer.Add(type.ClrType.Name);
                }
            }
        }
        while (grew);

        var exported = EntityOf.Values.ToHashSet();
        Assert.Empty(reachesCustomer.Except(exported));
    }

    private static readonly string[] BilledInstitutionTables = ["Institutions", "InstitutionAssignments"];

    [Fact]
    public async Task Export_of_a_company_billed_for_an_institution_holds_the_institution_and_its_assignments()
    {
        var company = await BilledCompanyAsync(factory);
        PrivacyExport export;
        using (Actors.As("privacy-admin", Roles.Admin))
        {
            export = await In<PrivacyService>(factory).ExportAsync(company);
        }

        using var json = JsonDocument.Parse(export.Json);
        var tables = json.RootElement.GetProperty("tables");
        var expected = await RowIdsOfAsync(company);
        foreach (var table in BilledInstitutionTables)
        {
            Assert.Single(expected[table]);
            Assert.Equal(expected[table], tables.GetProperty(table).EnumerateArray().Select(Key).ToList());
        }
    }

    [Fact]
    public async Task Export_and_pseudonymisation_are_for_admins_only()
    {
        var customer = await OtherCustomerAsync();
        using var actor = Actors.As("privacy-manager", Roles.CreditManager);
        await Assert.ThrowsAsync<AccessDeniedException>(() => In<PrivacyService>(factory).ExportAsync(customer.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => In<PrivacyService>(factory).PseudonymiseAsync(customer.Id, customer.Number));
    }

    [Fact]
    public async Task Pseudonymisation_is_refused_while_a_balance_a_layby_or_an_application_is_open_and_says_which()
    {
        var other = await OtherCustomerAsync();
        using var actor = Actors.As("privacy-admin", Roles.Admin);
        var refused = await Assert.ThrowsAsync<DomainException>(() => In<PrivacyService>(factory).PseudonymiseAsync(other.Id, other.Number));
        Assert.Contains("open balance on CLO-CUST-", refused.Message);
        Assert.Contains("(50.00)", refused.Message);
        Assert.Contains("open layby LAY-CLO-", refused.Message);
        Assert.Contains("pending credit application", refused.Message);
        Assert.Equal(3, (await In<PrivacyService>(factory).BlockersAsync(other.Id)).Count);
    }

    [Fact]
    public async Task Pseudonymisation_needs_the_customer_number_typed_and_cannot_be_repeated()
    {
        var rich = await RichCustomerAsync(factory);
        using var actor = Actors.As("privacy-admin", Roles.Admin);
        var wrong = await Assert.ThrowsAsync<DomainException>(() => In<PrivacyService>(factory).PseudonymiseAsync(rich.Id, "yes"));
        Assert.Equal($"Type the customer number {rich.Number} to confirm.", wrong.Message);
        await In<PrivacyService>(factory).PseudonymiseAsync(rich.Id, rich.Number.ToLowerInvariant());
        var again = await Assert.ThrowsAsync<DomainException>(() => In<PrivacyService>(factory).PseudonymiseAsync(rich.Id, rich.Number));
        Assert.Contains("already been pseudonymised", again.Message);
        var restore = await Assert.ThrowsAsync<DomainException>(async () =>
        {
            var profile = await In<CustomerService>(factory).GetProfileAsync(rich.Id);
            await In<CustomerService>(factory).RestoreAsync(rich.Id, profile.Customer.Version);
        });
        Assert.Contains("pseudonymised", restore.Message);
    }

    [Fact]
    public async Task Pseudonymisation_keeps_ledgers_balanced_and_leaves_no_personal_value_in_any_text_column()
    {
        var rich = await RichCustomerAsync(factory);
        var ledgerBefore = await LedgerAsync(rich.AccountId);
        var auditRowsBefore = await AuditRowCountAsync();
        Assert.NotEmpty(await WhereFoundAsync(rich.PersonalValues));

        using (Actors.As("privacy-admin", Roles.Admin))
        {
            await In<PrivacyService>(factory).PseudonymiseAsync(rich.Id, rich.Number);
        }

        Assert.Equal(ledgerBefore, await LedgerAsync(rich.AccountId));
        using (Actors.As("privacy-accountant", Roles.Accountant))
        {
            Assert.Empty(await In<AccountLedgerService>(factory).CheckBalancesAsync(correct: false));
        }

        var left = await WhereFoundAsync(rich.PersonalValues);
        Assert.True(left.Count == 0, string.Join("\n", left));
        await using var db = await Db(factory);
        var customer = await db.Customers.SingleAsync(c => c.Id == rich.Id);
        Assert.Equal($"Pseudonymised {rich.Number}", customer.FullName);
        Assert.False(customer.IsActive);
        Assert.NotNull(customer.PseudonymisedAtUtc);
        // The change itself is audited, without the old values, and logged as a privacy request.
        Assert.True(await AuditRowCountAsync() > auditRowsBefore);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && a.EntityKey == rich.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        var change = audit[^1].Changes.Single(c => c.Field == nameof(Customer.FullName));
        Assert.Equal((Pseudonym.Removed, $"Pseudonymised {rich.Number}"), (change.OldValue, change.NewValue));
        // The row that created the customer held every personal value: scrubbed in place, and stamped.
        Assert.Equal(AuditAction.Created, audit[0].Action);
        Assert.NotNull(audit[0].PersonalDataRemovedAtUtc);
        Assert.Equal(Pseudonym.Removed, audit[0].Changes.Single(c => c.Field == nameof(Customer.LastName)).NewValue);
        Assert.Contains(db.PrivacyRequests, r => r.CustomerId == rich.Id && r.Kind == PrivacyRequestKind.Pseudonymisation);
    }

    [Fact]
    public async Task The_database_refuses_audit_changes_except_a_stamped_removal_of_personal_values()
    {
        await using var db = await Db(factory);
        var id = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        Func<Task<int>>[] refused =
        [
            () => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET ChangesJson = '[]' WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET UserName = 'x', PersonalDataRemovedAtUtc = '2026-01-01' WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"DELETE FROM AuditEntries WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE CreditLineEvents SET Reason = 'rewritten'"),
            () => db.Database.ExecuteSqlAsync($"UPDATE CreditLineEvents SET NewLimit = 1"),
        ];
        foreach (var change in refused)
        {
            var e = await Assert.ThrowsAsync<SqliteException>(change);
            Assert.Contains("append-only", e.Message);
        }

        Assert.Equal(1, await db.Database.ExecuteSqlAsync(
            $"UPDATE AuditEntries SET ChangesJson = ChangesJson, PersonalDataRemovedAtUtc = '2026-01-01' WHERE Id = {id}"));
    }

    private sealed record Other(int Id, string Number, IReadOnlyList<string> Values);

    /// <summary>Another customer with a balance, an open layby and a pending application, whose values must not leak.</summary>
    private async Task<Other> OtherCustomerAsync()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var restaurant = await DivisionIdAsync(factory.Services, "RES");
        var accountId = await factory.CreditAccountAsync(clothing, 1000m, firstName: "Other" + Token(), lastName: "Person" + Token());
        await using var db = await Db(factory);
        var account = await db.DivisionAccounts.SingleAsync(a => a.Id == accountId);
        var customer = await db.Customers.SingleAsync(c => c.Id == account.CustomerId);
        using (Actors.As("privacy-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>(factory).RecordSaleAsync(accountId, 50m, "O-1", "Socks");
            await In<LaybyService>(factory).OpenAsync(new OpenLaybyInput(customer.Id, clothing, [new LaybyItemInput("Hat", null, 1, 500m)],
                100m, PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime).AddMonths(2), Guid.NewGuid()));
            await In<CreditApplicationService>(factory).SubmitAsync(new CreditApplicationInput(customer.Id, restaurant, 1000m, 30, 9000m, 0m, 1000m, 2000m));
        }

        return new Other(customer.Id, customer.CustomerNumber,
            [customer.CustomerNumber, customer.FirstName!, customer.LastName!, customer.PrimaryEmail!, customer.PrimaryPhone, account.AccountNumber]);
    }

    /// <summary>Table → ids (or composite keys) of the customer's rows, read straight from the database.</summary>
    private static readonly Dictionary<string, string> EntityOf = new()
    {
        ["Customers"] = "Customer",
        ["CustomerTags"] = "CustomerTag",
        ["DivisionAccounts"] = "DivisionAccount",
        ["AccountEntries"] = "AccountEntry",
        ["PaymentAllocations"] = "PaymentAllocation",
        ["WriteOffs"] = "WriteOff",
        ["CreditLineEvents"] = "CreditLineEvent",
        ["Laybys"] = "Layby",
        ["LaybyItems"] = "LaybyItem",
        ["LaybyInstalments"] = "LaybyInstalment",
        ["LaybyEntries"] = "LaybyEntry",
        ["CreditApplications"] = "CreditApplication",
        ["Statements"] = "Statement",
        ["DuplicateDismissals"] = "DuplicateDismissal",
        ["CustomerMerges"] = "CustomerMerge",
        ["PrivacyRequests"] = "PrivacyRequest",
        ["CustomerNotes"] = "CustomerNote",
        ["Communications"] = "Communication",
        ["OutboxMessages"] = "OutboxMessage",
        ["InstitutionMemberships"] = "InstitutionMembership",
        ["CustomerAssignments"] = "CustomerAssignment",
        ["Institutions"] = "Institution",
        ["InstitutionAssignments"] = "InstitutionAssignment",
        ["FollowUpTasks"] = "FollowUpTask",
        ["Purchases"] = "Purchase",
        ["PurchaseLines"] = "PurchaseLine",
        ["PurchasePayments"] = "PurchasePayment",
        ["PurchaseReturns"] = "PurchaseReturn",
        ["PurchaseReturnLines"] = "PurchaseReturnLine",
        ["PointEntries"] = "PointEntry",
        ["Subscriptions"] = "Subscription",
        ["UsageRecords"] = "UsageRecord",
        ["SurveyAnswers"] = "SurveyAnswer",
        ["SupportTickets"] = "SupportTicket",
        ["Engagements"] = "Engagement",
        ["HealthScores"] = "HealthScore",
        ["CustomerHealths"] = "CustomerHealth",
    };

    private static string Key(JsonElement row) =>
        row.TryGetProperty("Id", out var id) ? id.ToString() : $"{row.GetProperty("CustomerId")}|{row.GetProperty("OtherCustomerId")}";

    private async Task<Dictionary<string, List<string>>> RowIdsOfAsync(int customerId)
    {
        await using var db = await Db(factory);
        var accounts = db.DivisionAccounts.Where(a => a.CustomerId == customerId).Select(a => a.Id);
        var entries = db.AccountEntries.Where(e => accounts.Contains(e.DivisionAccountId)).Select(e => e.Id);
        var laybys = db.Laybys.Where(l => l.CustomerId == customerId).Select(l => l.Id);
        var purchases = db.Purchases.Where(p => p.CustomerId == customerId).OrderBy(p => p.Id).Select(p => p.Id);
        static List<string> S<T>(IEnumerable<T> ids) => ids.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture)!).ToList();
        var layby = await db.Laybys.Include(l => l.Items).Include(l => l.Instalments).Include(l => l.Entries).AsSplitQuery()
            .Where(l => l.CustomerId == customerId).ToListAsync();
        var tables = new Dictionary<string, List<string>>
        {
            ["Customers"] = S(await db.Customers.Where(c => c.Id == customerId || c.MergedIntoId == customerId).Select(c => c.Id).ToListAsync()),
            ["CustomerTags"] = [],
            ["DivisionAccounts"] = S(await accounts.ToListAsync()),
            ["AccountEntries"] = S(await entries.ToListAsync()),
            ["PaymentAllocations"] = S(await db.PaymentAllocations.Where(a => entries.Contains(a.PaymentEntryId)).Select(a => a.Id).ToListAsync()),
            ["WriteOffs"] = S(await db.WriteOffs.Where(w => accounts.Contains(w.DivisionAccountId)).Select(w => w.Id).ToListAsync()),
            ["CreditLineEvents"] = S(await db.CreditLineEvents.Where(e => accounts.Contains(e.DivisionAccountId)).Select(e => e.Id).ToListAsync()),
            ["Laybys"] = S(layby.Select(l => l.Id)),
            ["LaybyItems"] = S(layby.SelectMany(l => l.Items).Select(i => i.Id)),
            ["LaybyInstalments"] = S(layby.SelectMany(l => l.Instalments).Select(i => i.Id)),
            ["LaybyEntries"] = S(await db.LaybyEntries.Where(e => laybys.Contains(e.LaybyId)).Select(e => e.Id).ToListAsync()),
            ["CreditApplications"] = S(await db.CreditApplications.Where(a => a.CustomerId == customerId).Select(a => a.Id).ToListAsync()),
            ["Statements"] = S(await db.Statements.Where(s => s.CustomerId == customerId).Select(s => s.Id).ToListAsync()),
            ["DuplicateDismissals"] = (await db.DuplicateDismissals.Where(d => d.CustomerId == customerId || d.OtherCustomerId == customerId)
                .Select(d => new { d.CustomerId, d.OtherCustomerId }).ToListAsync()).Select(d => $"{d.CustomerId}|{d.OtherCustomerId}").ToList(),
            ["CustomerMerges"] = S(await db.CustomerMerges.Where(m => m.SurvivorId == customerId || m.MergedId == customerId).Select(m => m.Id).ToListAsync()),
            ["PrivacyRequests"] = S(await db.PrivacyRequests.Where(r => r.CustomerId == customerId).Select(r => r.Id).ToListAsync()),
            ["CustomerNotes"] = S(await db.CustomerNotes.Where(n => n.CustomerId == customerId).Select(n => n.Id).ToListAsync()),
            ["Communications"] = S(await db.Communications.Where(c => c.CustomerId == customerId).Select(c => c.Id).ToListAsync()),
            ["OutboxMessages"] = S(await db.OutboxMessages.Where(m => m.CustomerId == customerId).Select(m => m.Id).ToListAsync()),
            ["InstitutionMemberships"] = S(await db.InstitutionMemberships.Where(m => m.CustomerId == customerId).Select(m => m.Id).ToListAsync()),
            ["CustomerAssignments"] = S(await db.CustomerAssignments.Where(a => a.CustomerId == customerId).Select(a => a.Id).ToListAsync()),
            ["Institutions"] = S(await db.Institutions.Where(i => i.BillingCustomerId == customerId).Select(i => i.Id).ToListAsync()),
            ["InstitutionAssignments"] = S(await db.InstitutionAssignments.Where(a => db.Institutions.Any(i => i.Id == a.InstitutionId && i.BillingCustomerId == customerId))
                .Select(a => a.Id).ToListAsync()),
            ["FollowUpTasks"] = S(await db.FollowUpTasks.Where(t => t.CustomerId == customerId).Select(t => t.Id).ToListAsync()),
            ["Purchases"] = S(await purchases.ToListAsync()),
            ["PurchaseLines"] = S(await db.Purchases.Where(p => p.CustomerId == customerId).SelectMany(p => p.Lines).Select(l => l.Id).ToListAsync()),
            ["PurchasePayments"] = S(await db.Purchases.Where(p => p.CustomerId == customerId).SelectMany(p => p.Payments).Select(t => t.Id).ToListAsync()),
            ["PurchaseReturns"] = S(await db.PurchaseReturns.Where(r => r.CustomerId == customerId).Select(r => r.Id).ToListAsync()),
            ["PurchaseReturnLines"] = S(await db.PurchaseReturns.Where(r => r.CustomerId == customerId).SelectMany(r => r.Lines).Select(l => l.Id).ToListAsync()),
            ["PointEntries"] = S(await db.PointEntries.Where(e => e.CustomerId == customerId).Select(e => e.Id).ToListAsync()),
            ["Subscriptions"] = S(await db.Subscriptions.Where(s => s.CustomerId == customerId).Select(s => s.Id).ToListAsync()),
            ["UsageRecords"] = S(await db.UsageRecords.Where(u => db.Subscriptions.Any(s => s.Id == u.SubscriptionId && s.CustomerId == customerId)).Select(u => u.Id).ToListAsync()),
            ["SurveyAnswers"] = S(await db.SurveyAnswers.Where(a => db.Subscriptions.Any(s => s.Id == a.SubscriptionId && s.CustomerId == customerId)).Select(a => a.Id).ToListAsync()),
            ["SupportTickets"] = S(await db.SupportTickets.Where(t => db.Subscriptions.Any(s => s.Id == t.SubscriptionId && s.CustomerId == customerId)).Select(t => t.Id).ToListAsync()),
            ["Engagements"] = S(await db.Engagements.Where(e => e.CustomerId == customerId).Select(e => e.Id).ToListAsync()),
            ["HealthScores"] = S(await db.HealthScores.Where(h => h.CustomerId == customerId).Select(h => h.Id).ToListAsync()),
            ["CustomerHealths"] = S(await db.CustomerHealths.Where(h => h.CustomerId == customerId).Select(h => h.Id).ToListAsync()),
        };
        // Tags have no id; the audit trail is checked on its own (rows about any of the rows above).
        tables.Remove("CustomerTags");
        return tables;
    }

    private async Task<List<(long, decimal, string)>> LedgerAsync(int accountId)
    {
        await using var db = await Db(factory);
        var rows = await db.AccountEntries.Where(e => e.DivisionAccountId == accountId).OrderBy(e => e.Id).ToListAsync();
        return rows.Select(e => (e.Id, e.Amount, e.Kind.ToString())).ToList();
    }

    private async Task<int> AuditRowCountAsync()
    {
        await using var db = await Db(factory);
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Every text column of every table, searched for each value: "table.column: value" for each hit.</summary>
    private async Task<List<string>> WhereFoundAsync(IReadOnlyList<string> values)
    {
        await using var db = await Db(factory);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var tables = connection.CreateCommand())
        {
            tables.CommandText = """
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND (p.type LIKE '%TEXT%' OR p.type LIKE '%CHAR%' OR p.type = '')
                """;
            await using var reader = await tables.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(("AuditEntries", "ChangesJson"), columns);
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var value in values)
            {
                await using var search = connection.CreateCommand();
                search.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(\"{column}\"), lower($v)) > 0";
                search.Parameters.AddWithValue("$v", value);
                if ((long)(await search.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}.{column}: {value}");
                }
            }
        }

        return found;
    }
}
