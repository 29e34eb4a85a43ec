using ClosedXML.Excel;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Imports;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Imports;

public class DataImportServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Admin = Roles.Admin;

    private DateOnly Today => factory.Services.GetRequiredService<BusinessTime>().Today;

    private Task<T> AsAdmin<T>(Func<DataImportService, Task<T>> action) =>
        factory.AsAsync(Admin, services => action(services.GetRequiredService<DataImportService>()));

    private async Task<byte[]> TemplateAsync() => await AsAdmin(s => s.TemplateAsync());

    [Fact]
    public async Task The_template_has_a_sheet_per_kind_with_headers_lists_and_an_example_row_that_is_never_imported()
    {
        var template = await TemplateAsync();
        using var book = new XLWorkbook(new MemoryStream(template));
        Assert.Equal(["Customers", "Opening balances", "Laybys", "Notes"], book.Worksheets.Select(w => w.Name));
        var customers = book.Worksheet("Customers");
        Assert.Equal("External number *", customers.Cell(1, 1).GetString());
        Assert.Equal(ImportLayout.Customers.Columns.Select(c => c.TemplateHeader), customers.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.StartsWith("EXAMPLE-", customers.Cell(2, 1).GetString());
        var typeColumn = ImportWorkbooks.ColumnOf(customers, "Type");
        var divisionColumn = ImportWorkbooks.ColumnOf(customers, "Division");
        var lists = customers.DataValidations.Where(v => v.AllowedValues == XLAllowedValues.List).ToList();
        Assert.Contains(lists, v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == typeColumn) && v.Value.Contains("Notes", StringComparison.Ordinal));
        Assert.Contains(lists, v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == divisionColumn));
        Assert.Contains(book.Worksheet("Laybys").DataValidations, v => v.AllowedValues == XLAllowedValues.List);
        var notes = book.Worksheet("Notes");
        Assert.Contains("NGO", notes.Column(8).CellsUsed().Select(c => c.GetString()));
        Assert.Contains("CLO", notes.Column(9).CellsUsed().Select(c => c.GetString()));

        // The untouched template checks as "nothing to import": its examples are skipped.
        var check = await AsAdmin(s => s.ValidateAsync("template.xlsx", template));
        Assert.False(check.CanImport);
        Assert.Contains(check.Problems, p => p.Contains("no rows to import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filled_template_imports_customers_accounts_balances_and_laybys_and_a_second_import_creates_nothing()
    {
        var ext = "RT-" + CustomerTestData.Token();
        var kept = "OLD-" + Random.Shared.Next(100_000, 999_999);
        var asOf = Today.AddDays(-45);
        var file = ImportWorkbooks.Fill(await TemplateAsync(), book =>
        {
            book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person(ext + "-1", "CLO", ("Credit limit", 5000m), ("Payment terms days", 30), ("Customer number", kept)));
            book.Row(ImportLayout.Customers, 3, ImportWorkbooks.Person(ext + "-2"));
            book.Row(ImportLayout.OpeningBalances, 2, ("External number", ext + "-1"), ("Division", "CLO"), ("As of", asOf), ("Amount", 1250.50m), ("Reference", "A-77"));
            book.Row(ImportLayout.OpeningBalances, 3, ("External number", ext + "-2"), ("Division", "GRO"), ("As of", Today.AddDays(-5)), ("Amount", 300m));
            book.Row(ImportLayout.Laybys, 2, ("External number", ext + "-1"), ("Division", "CLO"), ("Layby reference", "LB-1"), ("Items", "Winter coat"),
                ("Total", 1000m), ("Paid so far", 400m), ("Frequency", "Monthly"), ("Completion date", Today.AddDays(60)));
        });

        var check = await AsAdmin(s => s.ValidateAsync("round-trip.xlsx", file));
        Assert.Empty(check.Problems);
        Assert.All(check.Outcomes, o => Assert.Equal(ImportRowStatus.Ready, o.Status));
        Assert.Equal(5, check.Counts.Ready);
        var before = await CountAsync(db => db.Customers.CountAsync());
        var progress = new List<ImportProgress>();
        var result = await AsAdmin(s => s.ImportAsync(check, new Progress<ImportProgress>(progress.Add)));
        Assert.Equal(DataImportStatus.Completed, result.Status);
        Assert.Equal(5, result.Counts.Imported);
        Assert.Equal(before + 2, await CountAsync(db => db.Customers.CountAsync()));

        await using (var db = await OpenAsync())
        {
            var first = await db.Customers.SingleAsync(c => c.ExternalReference == ext + "-1");
            Assert.Equal(kept, first.CustomerNumber);
            var second = await db.Customers.SingleAsync(c => c.ExternalReference == ext + "-2");
            Assert.Matches(@"^UCST-\d{6}$", second.CustomerNumber);
            var clo = await db.Divisions.Where(d => d.Code == "CLO").Select(d => d.Id).SingleAsync();
            var clothing = await db.DivisionAccounts.SingleAsync(a => a.CustomerId == first.Id && a.DivisionId == clo);
            Assert.Equal(5000m, clothing.CreditLimit);
            Assert.True(clothing.AllowCredit);
            var opening = await db.AccountEntries.SingleAsync(e => e.DivisionAccountId == clothing.Id && e.Kind == AccountEntryKind.OpeningBalance);
            Assert.Equal(1250.50m, opening.Amount);
            Assert.Equal(asOf, opening.PostingDate);
            Assert.Equal(asOf, opening.DueDate);
            Assert.Equal(1250.50m, clothing.Balance);
            // The balance of the grocery account opened for it.
            Assert.Equal(300m, (await db.DivisionAccounts.SingleAsync(a => a.CustomerId == second.Id)).Balance);
            var layby = await db.Laybys.Include(l => l.Entries).Include(l => l.Instalments).SingleAsync(l => l.CustomerId == first.Id);
            Assert.Equal(1000m, layby.Total);
            Assert.Equal(400m, layby.TotalPaid);
            Assert.Equal(layby.Total + layby.Fees, layby.TotalPaid + layby.Balance);
            Assert.Equal(layby.Total + layby.Fees - layby.Deposit, layby.Instalments.Sum(i => i.Amount));

            // Every imported row audited under the import's id; the history keeps the counts and the annotated file.
            var key = result.ImportId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(DataImport) && a.EntityKey == key && a.ChangesJson.Contains("\"Sheet\"")));
            var history = await db.DataImports.SingleAsync(i => i.Id == result.ImportId);
            Assert.Equal(("admin-tester", 5, DataImportStatus.Completed), (history.UserName, history.Imported, history.Status));
            using var annotated = new XLWorkbook(new MemoryStream(history.AnnotatedWorkbook));
            Assert.Equal("Imported", annotated.Worksheet("Customers").Cell(2, ImportWorkbooks.ColumnOf(annotated.Worksheet("Customers"), ImportLayout.StatusHeader)).GetString());
        }

        // Statements and aging count the opening balance as a charge due on its as-of date.
        var statement = await factory.AsAsync(Roles.Accountant, async services =>
        {
            await using var db = await services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
            var account = await db.DivisionAccounts.Where(a => db.Customers.Any(c => c.Id == a.CustomerId && c.ExternalReference == ext + "-1"))
                .Where(a => db.Divisions.Any(d => d.Id == a.DivisionId && d.Code == "CLO")).SingleAsync();
            var aging = await services.GetRequiredService<StatementService>().AgingReportAsync(Today, null);
            var row = aging.Rows.Single(r => r.AccountId == account.Id);
            Assert.Equal(1250.50m, row.Buckets.Days31To60);
            var lastMonth = Today.AddMonths(-1);
            return await services.GetRequiredService<StatementService>().GenerateAsync(account.Id, lastMonth.Year, lastMonth.Month);
        });
        Assert.Equal(1250.50m, statement.ClosingBalance);
        Assert.Equal(1250.50m, statement.Aging.Total);
        Assert.Equal(1250.50m, statement.OpeningBalance + statement.TotalCharges);

        // The same file again: every row was imported before, and nothing new is made.
        var again = await AsAdmin(s => s.ValidateAsync("round-trip.xlsx", file));
        Assert.All(again.Outcomes, o => Assert.Equal(ImportRowStatus.AlreadyImported, o.Status));
        Assert.False(again.CanImport);
        Assert.Equal(before + 2, await CountAsync(db => db.Customers.CountAsync()));
        Assert.Equal(1, await CountAsync(db => db.AccountEntries.CountAsync(e => e.Kind == AccountEntryKind.OpeningBalance && e.Reference == "A-77")));

        // A new customer made by a clerk takes the next number of the gap-free series: the kept number did not move it.
        var numbers = await CountAsync(db => db.Customers.Where(c => c.CustomerNumber.StartsWith("UCST-")).Select(c => c.CustomerNumber).ToListAsync());
        var created = await factory.AsAsync(Roles.Clerk, s => s.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person()));
        Assert.Equal(NumberOf(numbers.Max()!) + 1, NumberOf(created.CustomerNumber));
    }

    [Fact]
    public async Task The_dry_run_reports_each_bad_row_with_its_cells_and_the_annotated_copy_shows_them_to_ClosedXML_and_openpyxl()
    {
        var ext = "DR-" + CustomerTestData.Token();
        var existing = await factory.AsAsync(Roles.Clerk, s => s.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person()));
        var twinPhone = CustomerTestData.Phone();
        var file = ImportWorkbooks.Fill(await TemplateAsync(), book =>
        {
            var ws = book.Worksheet("Customers");
            book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person(ext + "-ok"));
            book.Row(ImportLayout.Customers, 3, ImportWorkbooks.Person(ext + "-phone", more: ("Phone", "12")));
            book.Row(ImportLayout.Customers, 4, ImportWorkbooks.Person(ext + "-division", "XYZ"));
            book.Row(ImportLayout.Customers, 5, ImportWorkbooks.Person(ext + "-twin-a", more: ("Phone", twinPhone)));
            book.Row(ImportLayout.Customers, 6, ImportWorkbooks.Person(ext + "-twin-b", more: ("Phone", twinPhone)));
            book.Row(ImportLayout.Customers, 7, ImportWorkbooks.Person(ext + "-existing", more: ("Phone", existing.PrimaryPhone)));
            book.Row(ImportLayout.Customers, 8, ImportWorkbooks.Person(ext + "-dob", more: ("Date of birth", "03/04/1990")));
            book.Row(ImportLayout.Customers, 9, ImportWorkbooks.Person(ext + "-formula"));
            ws.Cell(9, ImportWorkbooks.ColumnOf(ws, "First name")).FormulaA1 = "=\"Jo\"&\"hn\"";
            book.Row(ImportLayout.Customers, 10, ImportWorkbooks.Person(ext + "-huge", more: ("Address", "replaced by 2 MB of text below")));
            book.Row(ImportLayout.Customers, 11, ImportWorkbooks.Person(ext + "-ok", more: []));
            book.Row(ImportLayout.Customers, 12, ImportWorkbooks.Person(ext + "-confirmed", more: [("Phone", existing.PrimaryPhone), ("Not a duplicate", "yes")]));
        });
        // Excel and ClosedXML stop at 32,767 characters a cell; other programs write more: openpyxl puts 2 MB in one.
        file = await OpenPyxlCells.SetTextAsync(file, "Customers", 10, 12, 2 * 1024 * 1024);
        var before = await CountAsync(db => db.Customers.CountAsync());

        var check = await AsAdmin(s => s.ValidateAsync("dry-run.xlsx", file));

        Assert.Empty(check.Problems);
        ImportRowOutcome Row(int n) => check.Outcomes.Single(o => o.Sheet == "Customers" && o.RowNumber == n);
        Assert.Equal(ImportRowStatus.Ready, Row(2).Status);
        Assert.Equal((ImportRowStatus.Error, ImportLayout.Keys.Phone), (Row(3).Status, Row(3).BadColumns.Single()));
        Assert.Equal((ImportRowStatus.Error, ImportLayout.Keys.Division), (Row(4).Status, Row(4).BadColumns.Single()));
        Assert.Contains("There is no division XYZ", Row(4).Message);
        Assert.Equal(ImportRowStatus.Ready, Row(5).Status);
        Assert.Equal(ImportRowStatus.Duplicate, Row(6).Status);
        Assert.Contains("row 5", Row(6).Message);
        Assert.Equal(ImportRowStatus.Duplicate, Row(7).Status);
        Assert.Contains(existing.CustomerNumber, Row(7).Message);
        Assert.Equal((ImportRowStatus.Error, ImportLayout.Keys.DateOfBirth), (Row(8).Status, Row(8).BadColumns.Single()));
        Assert.Contains("not a date", Row(8).Message);
        Assert.Equal((ImportRowStatus.Error, ImportLayout.Keys.FirstName), (Row(9).Status, Row(9).BadColumns.Single()));
        Assert.Contains("formula", Row(9).Message);
        Assert.Equal((ImportRowStatus.Error, ImportLayout.Keys.Address), (Row(10).Status, Row(10).BadColumns.Single()));
        Assert.Matches(@"Address has [\d,]{6,} characters; at most 200 fit\.", Row(10).Message);
        Assert.True(Row(10).Message.Length < 300);
        Assert.Equal(ImportRowStatus.Error, Row(11).Status);
        Assert.Contains("also on row 2", Row(11).Message);
        Assert.Equal(ImportRowStatus.Ready, Row(12).Status);
        Assert.Equal(new ImportCounts(11, 3, 0, 2, 6, 0), check.Counts);
        Assert.Equal(before, await CountAsync(db => db.Customers.CountAsync()));

        // The annotated copy: a status and message per row, bad cells filled.
        using (var book = new XLWorkbook(new MemoryStream(check.Annotated)))
        {
            var ws = book.Worksheet("Customers");
            var status = ImportWorkbooks.ColumnOf(ws, ImportLayout.StatusHeader);
            var message = ImportWorkbooks.ColumnOf(ws, ImportLayout.MessageHeader);
            Assert.Equal("Ready", ws.Cell(2, status).GetString());
            Assert.Equal("Error", ws.Cell(3, status).GetString());
            Assert.Equal("Duplicate", ws.Cell(6, status).GetString());
            Assert.Equal(Row(4).Message, ws.Cell(4, message).GetString());
            Assert.Equal(XLColor.FromHtml("#F4B6B6"), ws.Cell(4, ImportWorkbooks.ColumnOf(ws, "Division")).Style.Fill.BackgroundColor);
            Assert.NotEqual(XLColor.FromHtml("#F4B6B6"), ws.Cell(4, ImportWorkbooks.ColumnOf(ws, "Phone")).Style.Fill.BackgroundColor);
        }

        var pyxl = await OpenPyxlCells.ReadAsync(check.Annotated, "Customers", [(1, 21), (1, 22), (3, 21), (3, 22), (4, 17)]);
        Assert.Equal(ImportLayout.StatusHeader, pyxl[0].Value);
        Assert.Equal(ImportLayout.MessageHeader, pyxl[1].Value);
        Assert.Equal("Error", pyxl[2].Value);
        Assert.Equal(Row(3).Message, pyxl[3].Value);
        Assert.Equal("FFF4B6B6", pyxl[4].Fill);

        // Importing keeps every other row's outcome in the copy beside the imported ones.
        var result = await AsAdmin(s => s.ImportAsync(check));
        Assert.Equal((3, 8), (result.Counts.Imported, result.Counts.Rows - result.Counts.Imported));
        using var after = new XLWorkbook(new MemoryStream(check.Annotated));
        var statuses = Enumerable.Range(2, 11).Select(r => after.Worksheet("Customers").Cell(r, 21).GetString()).ToList();
        Assert.Equal(["Imported", "Error", "Error", "Imported", "Duplicate", "Duplicate", "Error", "Error", "Error", "Error", "Imported"], statuses);
    }

    [Fact]
    public async Task A_cancelled_import_keeps_whole_batches_only_and_importing_again_carries_on()
    {
        var ext = "CX-" + CustomerTestData.Token();
        var file = ImportWorkbooks.Fill(await TemplateAsync(), book =>
        {
            for (var i = 0; i < 5; i++)
            {
                book.Row(ImportLayout.Customers, 2 + i, ImportWorkbooks.Person($"{ext}-{i}", "CLO"));
                book.Row(ImportLayout.OpeningBalances, 2 + i, ("External number", $"{ext}-{i}"), ("Division", "CLO"), ("As of", Today.AddDays(-1)), ("Amount", 10m + i));
            }
        });
        using var cancel = new CancellationTokenSource();
        var result = await factory.AsAsync(Admin, async services =>
        {
            var options = new ImportOptions { BatchSize = 2 };
            var service = ActivatorUtilities.CreateInstance<DataImportService>(services, options);
            var check = await service.ValidateAsync("cancel.xlsx", file);
            // Cancelled as soon as the first batch (two customers with their balances) is saved.
            return await service.ImportAsync(check, new SynchronousProgress(p =>
            {
                if (p.Done > 0)
                {
                    cancel.Cancel();
                }
            }), cancel.Token);
        });

        Assert.Equal(DataImportStatus.Cancelled, result.Status);
        Assert.Equal(4, result.Counts.Imported);
        Assert.Equal(2, await CountAsync(db => db.Customers.CountAsync(c => c.ExternalReference!.StartsWith(ext))));
        Assert.Equal(2, await CountAsync(db => db.AccountEntries.CountAsync(e => e.Kind == AccountEntryKind.OpeningBalance
            && db.DivisionAccounts.Any(a => a.Id == e.DivisionAccountId && db.Customers.Any(c => c.Id == a.CustomerId && c.ExternalReference!.StartsWith(ext))))));

        var rest = await AsAdmin(async s => await s.ImportAsync(await s.ValidateAsync("cancel.xlsx", file)));
        Assert.Equal((DataImportStatus.Completed, 6, 4), (rest.Status, rest.Counts.Imported, rest.Counts.AlreadyImported));
        Assert.Equal(5, await CountAsync(db => db.Customers.CountAsync(c => c.ExternalReference!.StartsWith(ext))));
        var history = await AsAdmin(s => s.HistoryAsync());
        Assert.Contains(history, h => h.Id == result.ImportId && h.Status == DataImportStatus.Cancelled && h.Imported == 4);
    }

    [Fact]
    public async Task An_accountant_imports_opening_balances_of_existing_accounts_but_not_customers()
    {
        var customer = await factory.AsAsync(Roles.Clerk, s => s.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person()));
        var clothing = await factory.AsAsync(Roles.Clerk, async s => await s.GetRequiredService<DivisionAccountService>()
            .OpenAsync(customer.Id, await CustomerTestData.DivisionIdAsync(s, "CLO")));
        var template = await factory.AsAsync(Roles.Accountant, s => s.GetRequiredService<DataImportService>().TemplateAsync());
        var balances = ImportWorkbooks.Fill(template, book =>
        {
            book.Row(ImportLayout.OpeningBalances, 2, ("External number", null), ("Customer number", customer.CustomerNumber), ("Division", "CLO"), ("As of", Today.AddDays(-10)), ("Amount", 99.99m));
            book.Row(ImportLayout.OpeningBalances, 3, ("Customer number", customer.CustomerNumber), ("Division", "GRO"), ("As of", Today.AddDays(-10)), ("Amount", 5m));
        });
        var withCustomers = ImportWorkbooks.Fill(template, book => book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person("AC-" + CustomerTestData.Token())));

        var (refused, result) = await factory.AsAsync(Roles.Accountant, async s =>
        {
            var service = s.GetRequiredService<DataImportService>();
            var refused = await service.ValidateAsync("customers.xlsx", withCustomers);
            var check = await service.ValidateAsync("balances.xlsx", balances);
            Assert.Contains("admin opens it first", check.Outcomes.Single(o => o.RowNumber == 3).Message);
            Assert.True(check.CanImport, string.Join("; ", check.Outcomes.Select(o => o.Message)));
            return (refused, await service.ImportAsync(check));
        });

        Assert.Contains(refused.Problems, p => p.StartsWith("Accountants import opening balances only", StringComparison.Ordinal));
        Assert.Equal(1, result.Counts.Imported);
        Assert.Equal(99.99m, await CountAsync(db => db.DivisionAccounts.Where(a => a.Id == clothing.Id).Select(a => a.Balance).SingleAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => factory.AsAsync(Roles.Clerk, s => s.GetRequiredService<DataImportService>().TemplateAsync()));
    }

    private static long NumberOf(string number) => long.Parse(number[(number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ICustomerDb> OpenAsync() => await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private async Task<T> CountAsync<T>(Func<ICustomerDb, Task<T>> query)
    {
        await using var db = await OpenAsync();
        return await query(db);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
