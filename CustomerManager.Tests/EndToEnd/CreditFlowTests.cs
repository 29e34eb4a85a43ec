using System.Globalization;
using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>The credit issue's whole flow, one user after another, in one browser.</summary>
[Collection(EndToEndCollection.Name)]
public class CreditFlowTests(RunningApp app)
{
    [Fact]
    public async Task Policy_then_application_approval_sales_payment_and_the_divisions_statements_as_pdf()
    {
        var division = await DivisionWithMostHistoryLastMonthAsync();
        var customerId = await CustomerWithoutAccountInAsync(division.Id);
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var page = await app.Browser.NewPageAsync();
        try
        {
            // An admin halves the division's affordability factor: the clerk's suggestion follows it.
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/admin/credit-policies");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync($"#edit-credit-policy-{division.Code.ToLowerInvariant()}");
            await page.FillAsync(".mud-dialog input[name=AffordabilityFactor]", "0.5");
            await page.PressAsync(".mud-dialog input[name=AffordabilityFactor]", "Tab");
            await page.ClickAsync("#credit-policy-save");
            await page.Locator("#credit-policies-grid tbody tr", new() { HasTextString = $"({division.Code})" })
                .Filter(new() { HasTextString = "0.5 × monthly" }).WaitForAsync();
            await page.ClickAsync("#charge-interest");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Charge interest" }).ClickAsync();
            await Assertions.Expect(page.Locator("#interest-result")).ToContainTextAsync("accounts with a rate");
            await RunningApp.SnapshotAsync(page, "credit-policies");
            await RunningApp.SignOutAsync(page);

            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#apply-credit");
            await page.Locator("#affordability").WaitForAsync();
            // Should the link have loaded the page afresh, its prerendered form must become interactive before use.
            await RunningApp.WaitForInteractiveAsync(page);
            await RunningApp.ChooseAsync(page, "#apply-division", division.Name);
            foreach (var (field, value) in new[] { ("RequestedAmount", "5000"), ("MonthlyIncome", "10000"), ("MonthlyObligations", "2000"), ("MonthlyExpenses", "3000") })
            {
                await page.FillAsync($"input[name={field}]", value);
                await page.PressAsync($"input[name={field}]", "Tab");
            }

            await Assertions.Expect(page.Locator("#discretionary")).ToHaveTextAsync("5,000.00");
            await Assertions.Expect(page.Locator("#affordability-factor")).ToHaveTextAsync("0.5");
            await Assertions.Expect(page.Locator("#suggested-limit")).ToHaveTextAsync("2,500.00");
            await RunningApp.SnapshotAsync(page, "credit-apply");
            await page.ClickAsync("#submit-application");
            await page.WaitForURLAsync($"**/customers/{customerId}", new() { WaitUntil = WaitUntilState.Commit });
            await RunningApp.SignOutAsync(page);

            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/credit/review");
            await RunningApp.WaitForInteractiveAsync(page);
            // Other tests share the queue: open this customer's application by its number, not the last row.
            await page.Locator("#credit-queue .cm-application-link", new() { HasTextString = await ApplicationNumberOfAsync(customerId) }).ClickAsync();
            await page.Locator("#review-summary").WaitForAsync();
            await RunningApp.SnapshotAsync(page, "credit-review");
            await page.ClickAsync("#approve-application");
            await page.Locator("#decision", new() { HasTextString = "limit 2,500.00" }).WaitForAsync();
            await RunningApp.SignOutAsync(page);

            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await LedgerTab.OpenAsync(page);
            await LedgerTab.ChooseAccountAsync(page, $"{division.Code}-CUST");

            await LedgerTab.PostAsync(page, "#record-sale", "2000", "INV-CREDIT-1");
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "INV-CREDIT-1" }).WaitForAsync();

            await LedgerTab.SubmitPostingAsync(page, "#record-sale", "600", "INV-CREDIT-2");
            await page.Locator(".cm-field-error", new() { HasTextString = "over the credit limit of 2,500.00" }).WaitForAsync();
            await LedgerTab.CancelPostingAsync(page);

            await LedgerTab.PostAsync(page, "#take-account-payment", "750", null);
            await page.Locator("#ledger-grid tbody tr", new() { HasTextString = "RCT-" }).WaitForAsync();
            await Assertions.Expect(page.Locator("#ledger-grid tbody tr")).ToHaveCountAsync(2);
            var rows = await page.Locator("#ledger-grid tbody tr").AllInnerTextsAsync();
            Assert.Contains("1,250.00", rows[^1]);
            Assert.DoesNotContain(rows, r => r.Contains("INV-CREDIT-2"));
            await RunningApp.SnapshotAsync(page, "account-ledger");
            await RunningApp.SignOutAsync(page);

            // The accountant runs the division's statements for the last month that has ended and opens one.
            await app.SignInAsync(page, "accountant", DemoDataSeeder.DemoPassword);
            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Statements" }).ClickAsync();
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator(".cm-division-filter").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText(division.Name, new() { Exact = true }).ClickAsync();
            await page.Locator(".cm-month-filter").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item")
                .GetByText(lastMonth.ToString("MMMM", CultureInfo.InvariantCulture), new() { Exact = true }).ClickAsync();
            await page.Locator("input[name=Year]").FillAsync(lastMonth.Year.ToString(CultureInfo.InvariantCulture));
            await page.Locator("input[name=Year]").PressAsync("Tab");
            await page.ClickAsync("#generate-statements");
            // Generating asks first.
            await page.Locator(".mud-dialog button", new() { HasTextString = "Generate" }).Last.ClickAsync();

            var link = page.Locator("a[href^='statements/STM-']").First;
            await link.WaitForAsync(new() { Timeout = 60_000 });
            await RunningApp.SnapshotAsync(page, "statements-generated");
            var href = await link.GetAttributeAsync("href");
            var pdf = await page.APIRequest.GetAsync("/" + href);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            var text = await Poppler.PdfToTextAsync(await pdf.BodyAsync());
            Assert.Contains(href!.Replace("statements/", "").Replace(".pdf", ""), text);
            Assert.Contains("Opening balance", text);
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

    private async Task<(int Id, string Name, string Code)> DivisionWithMostHistoryLastMonthAsync()
    {
        await using var db = app.OpenDatabase();
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var start = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var end = start.AddMonths(1);
        var row = await (from e in db.AccountEntries
                         join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                         join d in db.Divisions on a.DivisionId equals d.Id
                         where e.PostingDate >= start && e.PostingDate < end
                         group a by new { d.Id, d.Name, d.Code } into g
                         select new { g.Key.Id, g.Key.Name, g.Key.Code, Count = g.Select(x => x.Id).Distinct().Count() })
            .OrderByDescending(x => x.Count).FirstAsync();
        return (row.Id, row.Name, row.Code);
    }

    private async Task<string> ApplicationNumberOfAsync(int customerId)
    {
        await using var db = app.OpenDatabase();
        return await db.CreditApplications.Where(a => a.CustomerId == customerId).OrderByDescending(a => a.Id)
            .Select(a => a.ApplicationNumber).FirstAsync();
    }

    private async Task<int> CustomerWithoutAccountInAsync(int divisionId)
    {
        await using var db = app.OpenDatabase();
        return await db.Customers.Where(c => c.IsActive && !c.IsBlacklisted && c.MergedIntoId == null
                && !db.DivisionAccounts.Any(a => a.CustomerId == c.Id && a.DivisionId == divisionId)
                && !db.CreditApplications.Any(a => a.CustomerId == c.Id))
            .OrderBy(c => c.Id).Skip(20).Select(c => c.Id).FirstAsync();
    }
}
