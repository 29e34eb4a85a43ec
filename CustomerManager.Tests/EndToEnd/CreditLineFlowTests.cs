using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class CreditLineFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_credit_manager_suspends_a_line_and_the_clerks_sale_on_that_account_is_refused_with_the_reason()
    {
        var (customerId, accountNumber) = await CustomerWithOneCreditAccountAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=credit");
            await RunningApp.WaitForInteractiveAsync(page);
            var line = page.Locator($"#credit-line-{accountNumber}");
            await line.Locator(".cm-suspend-line").ClickAsync();
            await page.FillAsync("#reason", "Cheque RD-E2E bounced");
            await page.ClickAsync("#reason-confirm");
            await Assertions.Expect(line.Locator(".cm-line-status")).ToHaveTextAsync("Suspended");
            await Assertions.Expect(line.Locator(".cm-line-history tbody tr").Last).ToContainTextAsync("Cheque RD-E2E bounced");
            await RunningApp.SignOutAsync(page);

            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=ledger");
            await RunningApp.WaitForInteractiveAsync(page);
            await LedgerTab.SubmitPostingAsync(page, "#record-sale", "10", "INV-E2E-SUSPENDED");
            await Assertions.Expect(page.Locator(".cm-field-error")).ToContainTextAsync("is suspended (Cheque RD-E2E bounced)");
            await LedgerTab.CancelPostingAsync(page);
            await RunningApp.SignOutAsync(page);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-credit-line-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// A demo customer with exactly one account, active and allowing credit, not blacklisted; the last such one, so the
    /// ledger flow (which takes the first customer with an unused credit account) works on another customer.
    /// </summary>
    private async Task<(int CustomerId, string AccountNumber)> CustomerWithOneCreditAccountAsync()
    {
        await using var db = app.OpenDatabase();
        var candidates = await (from a in db.DivisionAccounts
                                join c in db.Customers on a.CustomerId equals c.Id
                                where a.AllowCredit && a.Status == DivisionAccountStatus.Active && a.CreditLineStatus == CreditLineStatus.Active
                                      && c.IsActive && !c.IsBlacklisted && c.MergedIntoId == null
                                      && db.DivisionAccounts.Count(x => x.CustomerId == c.Id) == 1
                                orderby c.Id descending
                                select new { c.Id, a.AccountNumber }).FirstAsync();
        return (candidates.Id, candidates.AccountNumber);
    }
}
