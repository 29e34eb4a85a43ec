using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class CreditFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_applies_a_credit_manager_approves_and_sales_on_account_fit_or_are_refused_by_the_limit()
    {
        var customerId = await CustomerWithoutConstructionAccountAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#apply-credit");
            await page.Locator("#affordability").WaitForAsync();
            await page.Locator(".rz-dropdown", new() { Has = page.Locator("input[name=DivisionId]") }).ClickAsync();
            await page.Locator(".rz-dropdown-item", new() { HasTextString = "Construction" }).ClickAsync();
            foreach (var (field, value) in new[] { ("RequestedAmount", "5000"), ("MonthlyIncome", "10000"), ("MonthlyObligations", "2000"), ("MonthlyExpenses", "3000") })
            {
                await page.FillAsync($"input[name={field}]", value);
                await page.PressAsync($"input[name={field}]", "Tab");
            }

            await Assertions.Expect(page.Locator("#discretionary")).ToHaveTextAsync("5,000.00");
            await Assertions.Expect(page.Locator("#suggested-limit")).ToHaveTextAsync("5,000.00");
            await RunningApp.SnapshotAsync(page, "credit-apply");
            await page.ClickAsync("#submit-application");
            await page.WaitForURLAsync($"**/customers/{customerId}", new() { WaitUntil = WaitUntilState.Commit });
            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync("**/account/login");

            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/credit/review");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator("#credit-queue .cm-application-link").Last.ClickAsync();
            await page.Locator("#review-summary").WaitForAsync();
            await RunningApp.SnapshotAsync(page, "credit-review");
            await page.ClickAsync("#approve-application");
            await page.Locator("#decision", new() { HasTextString = "limit 5,000.00" }).WaitForAsync();
            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync("**/account/login");

            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator(".rz-tabview-title", new() { HasTextString = "Ledger" }).ClickAsync();
            await page.Locator(".rz-dropdown", new() { Has = page.Locator("input[name=LedgerAccount]") }).ClickAsync();
            await page.Locator(".rz-dropdown-item", new() { HasTextString = "CON-CUST" }).ClickAsync();

            await page.ClickAsync("#record-sale");
            await page.FillAsync(".rz-dialog input[name=Amount]", "4000");
            await page.PressAsync(".rz-dialog input[name=Amount]", "Tab");
            await page.FillAsync(".rz-dialog input[name=Reference]", "INV-CREDIT-1");
            await page.ClickAsync("#save-posting");
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "INV-CREDIT-1" }).WaitForAsync();

            await page.ClickAsync("#record-sale");
            await page.FillAsync(".rz-dialog input[name=Amount]", "1500");
            await page.PressAsync(".rz-dialog input[name=Amount]", "Tab");
            await page.FillAsync(".rz-dialog input[name=Reference]", "INV-CREDIT-2");
            await page.ClickAsync("#save-posting");
            await page.Locator(".cm-field-error", new() { HasTextString = "over the credit limit of 5,000.00" }).WaitForAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-credit-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<int> CustomerWithoutConstructionAccountAsync()
    {
        await using var db = app.OpenDatabase();
        var construction = await db.Divisions.Where(d => d.Code == "CON").Select(d => d.Id).SingleAsync();
        return await db.Customers.Where(c => c.IsActive && !c.IsBlacklisted && c.MergedIntoId == null
                && !db.DivisionAccounts.Any(a => a.CustomerId == c.Id && a.DivisionId == construction))
            .OrderBy(c => c.Id).Skip(20).Select(c => c.Id).FirstAsync();
    }
}
