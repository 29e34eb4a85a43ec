using ClosedXML.Excel;
using CustomerManager.Data.Seeding;
using CustomerManager.Web.Exports;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class MonthEndFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_accountant_downloads_last_months_workbook_from_the_menu()
    {
        var lastMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.Locator("#nav-drawer a", new() { HasTextString = "Month-end workbook" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);

            var download = page.WaitForDownloadAsync();
            await page.ClickAsync("#month-end-download");
            var file = await download;

            Assert.Equal($"month-end-{lastMonth:yyyy-MM}.xlsx", file.SuggestedFilename);
            await using var stream = File.OpenRead(await file.PathAsync());
            using var workbook = new XLWorkbook(stream);
            Assert.Equal(
                [MonthEndWorkbook.SummarySheet, MonthEndWorkbook.AgingSheet, MonthEndWorkbook.CollectionsByDaySheet,
                 MonthEndWorkbook.CollectionsByMethodSheet, MonthEndWorkbook.PerformanceSheet, MonthEndWorkbook.CreditSheet,
                 MonthEndWorkbook.LaybySheet],
                workbook.Worksheets.Select(w => w.Name));
            // The demo data has payments every month: the summary's collections total is a formula with a value.
            var summary = workbook.Worksheet(MonthEndWorkbook.SummarySheet);
            var total = summary.RowsUsed().First(r => r.RowNumber() > summary.RowsUsed().First(x => x.Cell(1).GetString() == "Collections by method").RowNumber() && r.Cell(1).GetString() == "Total");
            Assert.StartsWith("SUM(", total.Cell(7).FormulaA1);
            Assert.True(Convert.ToDecimal(total.Cell(7).Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
            await Assertions.Expect(page.Locator("#month-end-link")).ToHaveTextAsync(file.SuggestedFilename);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
