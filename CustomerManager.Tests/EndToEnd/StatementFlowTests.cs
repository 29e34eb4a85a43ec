using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Support;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class StatementFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_accountant_generates_last_months_statements_for_a_division_and_opens_one_pdf()
    {
        var (divisionName, expected) = await DivisionWithHistoryLastMonthAsync();
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.Locator(".rz-navigation-item-text", new() { HasTextString = "Statements" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator(".rz-dropdown").First.ClickAsync();
            await page.Locator(".rz-dropdown-item", new() { HasTextString = divisionName }).ClickAsync();
            await page.Locator(".rz-dropdown").Nth(1).ClickAsync();
            await page.Locator(".rz-dropdown-item", new() { HasTextString = lastMonth.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture) }).First.ClickAsync();
            await page.Locator("input[name=Year], .rz-numeric input").First.FillAsync(lastMonth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("input[name=Year], .rz-numeric input").First.PressAsync("Tab");
            await page.Locator("button", new() { HasTextString = "Generate statements" }).ClickAsync();

            var link = page.Locator("a[href^='statements/STM-']").First;
            await link.WaitForAsync(new() { Timeout = 60_000 });
            Assert.True(await page.Locator("a[href^='statements/STM-']").CountAsync() >= Math.Min(expected, 1));
            await RunningApp.SnapshotAsync(page, "statements-generated");
            var href = await link.GetAttributeAsync("href");
            var pdf = await page.APIRequest.GetAsync("/" + href);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            var text = await Poppler.PdfToTextAsync(await pdf.BodyAsync());
            Assert.Contains(href!.Replace("statements/", "").Replace(".pdf", ""), text);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-statements-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<(string DivisionName, int Accounts)> DivisionWithHistoryLastMonthAsync()
    {
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var start = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var (name, _, accounts) = await app.BusiestDivisionAsync(start, start.AddMonths(1));
        return (name, accounts);
    }
}
