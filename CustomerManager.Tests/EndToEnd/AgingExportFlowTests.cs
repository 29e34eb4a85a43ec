using System.Text.RegularExpressions;
using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Support;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public partial class AgingExportFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_accountant_filters_the_aging_report_by_division_and_downloads_it_as_excel_and_pdf()
    {
        var (divisionName, divisionCode, _) = await app.BusiestDivisionAsync(DateOnly.MinValue, DateOnly.MaxValue);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.Locator(".rz-navigation-item-text", new() { HasTextString = "Aging" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator("#aging-grid tbody tr").First.WaitForAsync();
            await page.Locator(".rz-dropdown").First.ClickAsync();
            await page.Locator(".rz-dropdown-item", new() { HasTextString = divisionName }).ClickAsync();
            // Filtered: the totals show the one division and the overall line.
            await Assertions.Expect(page.Locator("#aging-totals-grid tbody tr")).ToHaveCountAsync(2);
            var summary = page.Locator("#aging-grid .rz-pager-summary");
            var shown = await summary.CountAsync() > 0
                ? int.Parse(ItemCount().Match(await summary.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : await page.Locator("#aging-grid tbody tr").CountAsync();
            Assert.True(shown > 0);

            var excelDownload = page.WaitForDownloadAsync();
            await page.ClickAsync("#export-excel");
            var excel = await excelDownload;
            Assert.Equal($"aging-{today}.xlsx", excel.SuggestedFilename);
            var sheet = XlsxSheet.Read(await File.ReadAllBytesAsync(await excel.PathAsync()));
            Assert.Equal(["Division", divisionName], sheet.Rows[2].Select(c => c.Value));
            var rows = sheet.DataRows("Account");
            Assert.Equal(shown, rows.Count);
            Assert.All(rows, r => Assert.Equal(divisionName, r[3].Value));
            Assert.All(rows, r => Assert.StartsWith(divisionCode + "-CUST-", r[0].Value));
            Assert.Equal(rows.Sum(r => r[10].Number), sheet.TotalsRow[10].Number);
            await RunningApp.SnapshotAsync(page, "aging-exported");

            var pdfDownload = page.WaitForDownloadAsync();
            await page.ClickAsync("#export-pdf");
            var pdf = await pdfDownload;
            Assert.Equal($"aging-{today}.pdf", pdf.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
            Assert.Equal("Aging report", Poppler.InfoField(await Poppler.PdfInfoAsync(bytes), "Title"));
            var text = await Poppler.PdfToTextAsync(bytes);
            Assert.Contains(divisionName, text);
            Assert.All(rows, r => Assert.Contains(r[0].Value, text));
            Assert.Contains(sheet.TotalsRow[10].Number.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), text);
            Assert.DoesNotContain(AccountNumber().Matches(text), m => !m.Value.StartsWith(divisionCode + "-", StringComparison.Ordinal));

            // The dashboard shows the same receivable and opens the reports.
            await page.Locator(".rz-navigation-item-text", new() { HasTextString = "Dashboard" }).ClickAsync();
            await page.Locator("#dash-receivable").WaitForAsync(new() { Timeout = 60_000 });
            await page.Locator("#chart-aging svg").First.WaitForAsync();
            await RunningApp.SnapshotAsync(page, "dashboard");
            await page.Locator("#chart-collections a").ClickAsync();
            await page.WaitForURLAsync("**/reports/collections");
            await page.Locator("#collections-grid").WaitForAsync();
            await RunningApp.SnapshotAsync(page, "collections");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-aging-export-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }


    [GeneratedRegex(@"\((\d+) items\)")]
    private static partial Regex ItemCount();

    [GeneratedRegex(@"\b[A-Z]{3}-CUST-\d{6}\b")]
    private static partial Regex AccountNumber();
}
