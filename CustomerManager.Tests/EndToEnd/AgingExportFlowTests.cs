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
        // A fixed as-of date far from any day boundary (the 15th of last month), so the file name and the report do not
        // depend on when the test runs; the report and the file are both dated by it.
        var thisMonth = DateOnly.FromDateTime(DateTime.UtcNow);
        var asOf = new DateOnly(thisMonth.Year, thisMonth.Month, 15).AddMonths(-1);
        var asOfText = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (divisionName, divisionCode, _) = await app.BusiestDivisionAsync(DateOnly.MinValue, asOf.AddDays(1));
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.Locator(".mud-nav-link-text", new() { HasTextString = "Aging" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#aging-grid tbody tr").First).ToBeVisibleAsync();
            var asOfInput = page.Locator("#aging-as-of input, input#aging-as-of").First;
            // The picker takes a typed date as soon as it is a whole date; Escape closes its calendar.
            await asOfInput.FillAsync(asOfText);
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.GetByText($"at the end of {asOfText}")).ToBeVisibleAsync();
            await page.Locator(".cm-division-filter").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText(divisionName, new() { Exact = true }).ClickAsync();
            // Filtered: the totals show the one division and the overall line.
            await Assertions.Expect(page.Locator("#aging-totals-grid tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#aging-totals-grid tbody tr").First).ToContainTextAsync(divisionName);
            // The pager says "1-50 of N": N rows match the division, and the export must write exactly those.
            var pagerInfo = page.Locator("#aging-grid .mud-table-pagination-caption").Last;
            await Assertions.Expect(pagerInfo).ToHaveTextAsync(ItemCount());
            var shown = int.Parse(ItemCount().Match(await pagerInfo.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(shown > 0);
            await Assertions.Expect(page.Locator("#aging-grid tbody tr a.cm-aging-account").First).ToHaveAttributeAsync("href", CustomerLink());

            var excelDownload = page.WaitForDownloadAsync();
            await page.ClickAsync("#export-excel");
            var excel = await excelDownload;
            Assert.Equal($"aging-{asOfText}.xlsx", excel.SuggestedFilename);
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
            Assert.Equal($"aging-{asOfText}.pdf", pdf.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
            Assert.Equal("Aging report", Poppler.InfoField(await Poppler.PdfInfoAsync(bytes), "Title"));
            var text = await Poppler.PdfToTextAsync(bytes);
            Assert.Contains(divisionName, text);
            Assert.All(rows, r => Assert.Contains(r[0].Value, text));
            Assert.Contains(sheet.TotalsRow[10].Number.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), text);
            Assert.DoesNotContain(AccountNumber().Matches(text), m => !m.Value.StartsWith(divisionCode + "-", StringComparison.Ordinal));

            // The dashboard shows the same receivable and opens the reports.
            await page.Locator(".mud-nav-link-text", new() { HasTextString = "Dashboard" }).ClickAsync();
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


    [GeneratedRegex(@"^customers/\d+$")]
    private static partial Regex CustomerLink();

    [GeneratedRegex(@"of (\d+)")]
    private static partial Regex ItemCount();

    [GeneratedRegex(@"\b[A-Z]{3}-CUST-\d{6}\b")]
    private static partial Regex AccountNumber();
}
