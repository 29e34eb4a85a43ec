using System.Globalization;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class AccountCorrectionFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_accountant_refunds_credit_a_clerk_took_and_downloads_the_refund_advice()
    {
        var customerId = await CustomerWithAnUnusedCreditAccountAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await LedgerTab.OpenAsync(page);
            await LedgerTab.PostAsync(page, "#take-account-payment", "100", "overpaid");
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "RCT-" }).WaitForAsync();
            Assert.Equal(0, await page.Locator("#more-entries").CountAsync()); // refunds are not the till's
            await RunningApp.SignOutAsync(page);

            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await LedgerTab.OpenAsync(page);
            await page.ClickAsync("#more-entries");
            await page.ClickAsync("#post-refund");
            await page.FillAsync("#correction-amount", "60");
            await page.PressAsync("#correction-amount", "Tab");
            await page.FillAsync("#correction-reason", "Customer paid twice");
            await Assertions.Expect(page.Locator("#save-correction")).ToContainTextAsync("60");
            await page.ClickAsync("#save-correction");
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });

            var row = page.Locator("#ledger-grid tbody tr", new() { HasTextString = "Refund" });
            var link = row.Locator("a.cm-receipt-link");
            await Assertions.Expect(link).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"RFD-[A-Z]{3}-\d{6}"));
            await Assertions.Expect(page.Locator("#ledger-grid tbody tr").Last).ToContainTextAsync("-40.00");
            var number = (await link.InnerTextAsync()).Trim().TrimStart('·', ' ');
            var pdf = await page.APIRequest.GetAsync("/" + await link.GetAttributeAsync("href"));
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            var text = await Poppler.PdfToTextAsync(await pdf.BodyAsync());
            Assert.Contains($"Refund advice {number}", text);
            Assert.Contains("60.00", text);
            Assert.Contains("Customer paid twice", text);
            await RunningApp.SnapshotAsync(page, "refund-posted");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-refund-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_credit_manager_merges_two_customers_with_accounts_in_one_division_and_the_survivors_statement_shows_both_histories()
    {
        var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2);
        var pair = await TwoCustomersWithHistoryInOneDivisionAsync(month);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/merge?survivor={pair.SurvivorId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.FillAsync("input[name=Merged]", pair.MergedNumber);
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = pair.MergedNumber }).ClickAsync();
            await page.Locator("#merge-preview").WaitForAsync();
            await page.ClickAsync("#confirm-merge");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Merge" }).ClickAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = $"{pair.MergedNumber} merged into" }).WaitForAsync();

            // The survivor's ledger now holds the duplicate's entries too.
            await page.GotoAsync($"/customers/{pair.SurvivorId}?account={pair.SurvivorAccountId}&tab=ledger");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = $"INV-{pair.MergedAccountId}-" }).First.WaitForAsync();

            // Statements of that month for the division: the survivor's shows both histories.
            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Statements" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator(".cm-division-filter").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText(pair.DivisionName, new() { Exact = true }).ClickAsync();
            await page.Locator(".cm-month-filter").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item")
                .GetByText(month.ToString("MMMM", CultureInfo.InvariantCulture), new() { Exact = true }).ClickAsync();
            await page.Locator("input[name=Year]").FillAsync(month.Year.ToString(CultureInfo.InvariantCulture));
            await page.Locator("input[name=Year]").PressAsync("Tab");
            await page.ClickAsync("#generate-statements");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Generate" }).Last.ClickAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = "Statement run finished" }).WaitForAsync(new() { Timeout = 60_000 });

            string number;
            await using (var db = app.OpenDatabase())
            {
                var start = new DateOnly(month.Year, month.Month, 1);
                number = await db.Statements.Where(s => s.DivisionAccountId == pair.SurvivorAccountId && s.PeriodStart == start)
                    .Select(s => s.Number).SingleAsync();
            }

            var pdf = await page.APIRequest.GetAsync($"/statements/{number}.pdf");
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            var text = await Poppler.PdfToTextAsync(await pdf.BodyAsync());
            Assert.Contains($"INV-{pair.SurvivorAccountId}-", text);
            Assert.Contains($"INV-{pair.MergedAccountId}-", text);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-merge-statement-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }

        await using var check = app.OpenDatabase();
        Assert.Equal(DivisionAccountStatus.Closed, await check.DivisionAccounts.Where(a => a.Id == pair.MergedAccountId).Select(a => a.Status).SingleAsync());
        Assert.Equal(0, await check.AccountEntries.CountAsync(e => e.DivisionAccountId == pair.MergedAccountId));
    }

    private sealed record MergePair(int SurvivorId, int SurvivorAccountId, string MergedNumber, int MergedAccountId, string DivisionName);

    /// <summary>
    /// Two demo customers (away from the first and last ones other flows use) with accounts in the same division, both
    /// with sales invoiced in <paramref name="month"/>.
    /// </summary>
    private async Task<MergePair> TwoCustomersWithHistoryInOneDivisionAsync(DateOnly month)
    {
        var start = new DateOnly(month.Year, month.Month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        await using var db = app.OpenDatabase();
        var accounts = await (from a in db.DivisionAccounts
                              join c in db.Customers on a.CustomerId equals c.Id
                              join d in db.Divisions on a.DivisionId equals d.Id
                              where c.IsActive && c.MergedIntoId == null && a.Status == DivisionAccountStatus.Active
                                    && db.AccountEntries.Any(e => e.DivisionAccountId == a.Id && e.Kind == AccountEntryKind.SaleOnAccount
                                                                  && e.PostingDate >= start && e.PostingDate <= end)
                              orderby c.Id
                              select new { CustomerId = c.Id, c.CustomerNumber, AccountId = a.Id, a.DivisionId, DivisionName = d.Name })
            .ToListAsync();
        // Away from the first and last customers, which other flows use.
        var division = accounts.Skip(5).SkipLast(5).GroupBy(a => a.DivisionId)
            .Select(g => g.DistinctBy(a => a.CustomerId).ToList()).First(g => g.Count >= 2);
        return new MergePair(division[0].CustomerId, division[0].AccountId, division[1].CustomerNumber, division[1].AccountId, division[0].DivisionName);
    }

    private async Task<int> CustomerWithAnUnusedCreditAccountAsync()
    {
        await using var db = app.OpenDatabase();
        var candidates = await (from a in db.DivisionAccounts
                                join c in db.Customers on a.CustomerId equals c.Id
                                where a.AllowCredit && a.Status == DivisionAccountStatus.Active && c.IsActive && !c.IsBlacklisted
                                      && !db.AccountEntries.Any(e => e.DivisionAccountId == a.Id)
                                      && db.DivisionAccounts.Count(o => o.CustomerId == c.Id) == 1
                                orderby c.Id
                                select c.Id).ToListAsync();
        // Not the first (the ledger flow's) nor the last (the credit line flow's).
        return candidates[candidates.Count / 2];
    }
}
