using System.Text;
using ClosedXML.Excel;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Imports;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Imports;

/// <summary>Files the import must refuse as a whole, each with a message that says what to do, and nothing imported.</summary>
public class ImportBadInputTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> BadFiles => new()
    {
        { "not-xlsx", "is not an Excel workbook (.xlsx)" },
        { "password", "password-protected" },
        { "old-xls", "Excel 97-2003 (.xls)" },
        { "corrupt", "could not be read as an Excel workbook" },
        { "missing-column", "the required column \"Phone\" is missing" },
        { "renamed-column", "the column \"Town\" is not one of the template's" },
        { "empty-sheet", "The sheet Customers is empty" },
        { "no-rows", "no rows to import" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_whole_with_what_to_do_and_nothing_is_imported(string kind, string expected)
    {
        var template = await AsAdmin(s => s.TemplateAsync());
        var content = kind switch
        {
            "not-xlsx" => Encoding.UTF8.GetBytes("External number,Type,Phone\nX-1,Individual,0821234567\n"),
            "password" => Compound(withEncryption: true),
            "old-xls" => Compound(withEncryption: false),
            "corrupt" => [.. template.Take(2000)],
            "missing-column" => WithCustomer(template, ws => ws.Column(ImportWorkbooks.ColumnOf(ws, "Phone")).Delete()),
            "renamed-column" => WithCustomer(template, ws => ws.Cell(1, ImportWorkbooks.ColumnOf(ws, "City")).SetValue("Town")),
            "empty-sheet" => ImportWorkbooks.Fill(template, book => book.Worksheet("Customers").Clear()),
            _ => template,
        };
        var before = await CustomerCountAsync();

        var check = await AsAdmin(s => s.ValidateAsync(kind + ".xlsx", content));

        Assert.Contains(check.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(check.Outcomes);
        Assert.False(check.CanImport);
        await Assert.ThrowsAsync<DomainException>(() => AsAdmin(s => s.ImportAsync(check)));
        Assert.Equal(before, await CustomerCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_configured_size_or_row_limit_is_refused_with_how_to_split_it()
    {
        var template = await AsAdmin(s => s.TemplateAsync());
        var twoRows = ImportWorkbooks.Fill(template, book =>
        {
            book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person("SZ-" + CustomerTestData.Token()));
            book.Row(ImportLayout.Customers, 3, ImportWorkbooks.Person("SZ-" + CustomerTestData.Token()));
        });

        var (bySize, byRows) = await factory.AsAsync(Roles.Admin, async services =>
        {
            var small = ActivatorUtilities.CreateInstance<DataImportService>(services, new ImportOptions { MaxFileBytes = 1024 });
            var few = ActivatorUtilities.CreateInstance<DataImportService>(services, new ImportOptions { MaxRows = 1 });
            return (await small.ValidateAsync("big.xlsx", twoRows), await few.ValidateAsync("long.xlsx", twoRows));
        });

        Assert.Matches(@"^The file is \d+\.\d MB; the import takes files of at most 0 MB and 100,000 rows\. Split it into several workbooks", bySize.Problems.Single());
        Assert.StartsWith("The file has 2 rows; the import takes at most 1.", byRows.Problems.Single());
        Assert.Contains("keeping each customer's opening balances and laybys in the same file", byRows.Problems.Single());
        Assert.False(bySize.CanImport || byRows.CanImport);
    }

    [Fact]
    public async Task A_balance_or_layby_for_a_customer_row_with_errors_waits_for_that_row()
    {
        var ext = "WT-" + CustomerTestData.Token();
        var today = factory.Services.GetRequiredService<BusinessTime>().Today;
        var file = ImportWorkbooks.Fill(await AsAdmin(s => s.TemplateAsync()), book =>
        {
            book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person(ext, more: ("Phone", "1")));
            book.Row(ImportLayout.OpeningBalances, 2, ("External number", ext), ("Division", "CLO"), ("As of", today), ("Amount", 10m));
            book.Row(ImportLayout.Laybys, 2, ("External number", "nobody-" + ext), ("Division", "CLO"), ("Layby reference", "L1"), ("Items", "Shoes"),
                ("Total", 100m), ("Paid so far", 5m), ("Frequency", "Yearly"), ("Completion date", today.AddDays(30)));
        });

        var check = await AsAdmin(s => s.ValidateAsync("waits.xlsx", file));

        var balance = check.Outcomes.Single(o => o.Sheet == "Opening balances");
        Assert.Equal(ImportRowStatus.Error, balance.Status);
        Assert.Contains("Customers row 2", balance.Message);
        var layby = check.Outcomes.Single(o => o.Sheet == "Laybys");
        Assert.Equal([ImportLayout.Keys.Frequency], layby.BadColumns);
        Assert.False(check.CanImport);
    }

    private Task<T> AsAdmin<T>(Func<DataImportService, Task<T>> action) =>
        factory.AsAsync(Roles.Admin, services => action(services.GetRequiredService<DataImportService>()));

    private async Task<int> CustomerCountAsync()
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.Customers.CountAsync();
    }

    private static byte[] WithCustomer(byte[] template, Action<IXLWorksheet> change) => ImportWorkbooks.Fill(template, book =>
    {
        book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person("BF-" + CustomerTestData.Token()));
        change(book.Worksheet("Customers"));
    });

    /// <summary>The start of an OLE compound file, as Excel writes encrypted workbooks and old .xls files.</summary>
    private static byte[] Compound(bool withEncryption)
    {
        var bytes = new List<byte> { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
        bytes.AddRange(new byte[504]);
        bytes.AddRange(Encoding.Unicode.GetBytes(withEncryption ? "EncryptionInfo" : "Workbook"));
        bytes.AddRange(new byte[1024]);
        return [.. bytes];
    }
}
