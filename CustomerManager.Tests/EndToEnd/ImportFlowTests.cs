using ClosedXML.Excel;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Imports;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Imports;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class ImportFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_admin_imports_a_file_with_one_bad_row_downloads_the_checked_copy_fixes_it_and_imports_again()
    {
        var ext = "E2E-" + CustomerTestData.Token();
        var folder = Directory.CreateTempSubdirectory("cm-import-e2e").FullName;
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.Locator("#nav-drawer a", new() { HasTextString = "Import from Excel" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);

            // The template, filled with a good row and a row whose phone is wrong.
            var template = await DownloadAsync(page, "#import-template");
            Assert.Equal("CustomerManager import template.xlsx", template.Name);
            var first = Path.Combine(folder, "customers.xlsx");
            await File.WriteAllBytesAsync(first, ImportWorkbooks.Fill(template.Content, book =>
            {
                book.Row(ImportLayout.Customers, 2, ImportWorkbooks.Person(ext + "-1", "CLO"));
                book.Row(ImportLayout.Customers, 3, ImportWorkbooks.Person(ext + "-2", "CLO", ("Phone", "12")));
            }));

            await page.SetInputFilesAsync("#import-file", first);
            await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("1 ready", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("1 errors");
            await Assertions.Expect(page.Locator("#import-problems")).ToContainTextAsync("not a valid phone number");

            // Import the good row.
            await page.ClickAsync("#import-start");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Import" }).ClickAsync();
            await Assertions.Expect(page.Locator("#import-progress")).ToContainTextAsync("1 of 1 rows, 1 imported", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#import-history")).ToContainTextAsync("customers.xlsx");

            // The checked copy says which row failed and why; the phone is put right in it.
            var checkedCopy = await DownloadAsync(page, "#import-annotated");
            Assert.Equal("customers (checked).xlsx", checkedCopy.Name);
            var fixedFile = Path.Combine(folder, "customers-fixed.xlsx");
            await File.WriteAllBytesAsync(fixedFile, ImportWorkbooks.Fill(checkedCopy.Content, book =>
            {
                var ws = book.Worksheet(ImportLayout.Customers.Name);
                var status = ImportWorkbooks.ColumnOf(ws, ImportLayout.StatusHeader);
                Assert.Equal("Imported", ws.Cell(2, status).GetString());
                Assert.Equal("Error", ws.Cell(3, status).GetString());
                Assert.Contains("phone", ws.Cell(3, ImportWorkbooks.ColumnOf(ws, ImportLayout.MessageHeader)).GetString());
                ws.Cell(3, ImportWorkbooks.ColumnOf(ws, "Phone")).SetValue(CustomerTestData.Phone());
            }));

            await page.SetInputFilesAsync("#import-file", fixedFile);
            await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("1 ready", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("1 already imported");
            await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("0 errors");
            await page.ClickAsync("#import-start");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Import" }).ClickAsync();
            await Assertions.Expect(page.Locator("#import-progress")).ToContainTextAsync("1 of 1 rows, 1 imported", new() { Timeout = 30_000 });
            // The history: newest first, the second import completed with one row imported and one already there.
            var latest = page.Locator("#import-history tbody tr").First;
            await Assertions.Expect(latest).ToContainTextAsync("customers-fixed.xlsx");
            await Assertions.Expect(latest).ToContainTextAsync("Completed");
            await Assertions.Expect(latest.Locator("td").Nth(5)).ToHaveTextAsync("1");
            await Assertions.Expect(latest.Locator("td").Nth(6)).ToHaveTextAsync("1");
        }
        finally
        {
            await page.CloseAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Name, byte[] Content)> DownloadAsync(IPage page, string button)
    {
        var download = page.WaitForDownloadAsync();
        await page.ClickAsync(button);
        var file = await download;
        return (file.SuggestedFilename, await File.ReadAllBytesAsync(await file.PathAsync()));
    }
}
