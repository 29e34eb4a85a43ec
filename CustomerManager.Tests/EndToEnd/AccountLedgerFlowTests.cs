using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class AccountLedgerFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_records_a_sale_that_fits_one_over_the_limit_is_refused_and_a_payment_settles_part_of_it()
    {
        var (customerId, limit) = await CustomerWhoseFirstAccountAllowsCreditAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await LedgerTab.OpenAsync(page);

            await LedgerTab.PostAsync(page, "#record-sale", "300", "INV-E2E-1");
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "INV-E2E-1" }).WaitForAsync();

            await LedgerTab.SubmitPostingAsync(page, "#record-sale", (limit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "INV-E2E-2");
            await page.Locator(".cm-field-error", new() { HasTextString = "over the credit limit" }).WaitForAsync();
            await LedgerTab.CancelPostingAsync(page);

            await LedgerTab.PostAsync(page, "#take-account-payment", "100", null);
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "RCT-" }).WaitForAsync();
            await Assertions.Expect(page.Locator("#ledger-grid tbody tr")).ToHaveCountAsync(2);
            var rows = await page.Locator("#ledger-grid tbody tr").AllInnerTextsAsync();
            Assert.Contains("200.00", rows[^1]);
            Assert.DoesNotContain(rows, r => r.Contains("INV-E2E-2"));
            await RunningApp.SnapshotAsync(page, "account-ledger");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-ledger-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<(int CustomerId, decimal Limit)> CustomerWhoseFirstAccountAllowsCreditAsync()
    {
        await using var db = app.OpenDatabase();
        var accounts = await (from a in db.DivisionAccounts
                              join d in db.Divisions on a.DivisionId equals d.Id
                              select new
                              {
                                  a.CustomerId, a.AllowCredit, a.CreditLimit, a.Status, DivisionName = d.Name,
                                  HasEntries = db.AccountEntries.Any(e => e.DivisionAccountId == a.Id),
                              }).ToListAsync();
        var first = accounts.GroupBy(a => a.CustomerId).Select(g => g.OrderBy(a => a.DivisionName).First())
            .First(a => a.AllowCredit && a.CreditLimit >= 1000m && a.Status == Domain.Accounts.DivisionAccountStatus.Active && !a.HasEntries);
        return (first.CustomerId, first.CreditLimit);
    }
}
