using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class PurchaseFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_records_a_purchase_the_customer_moves_up_a_tier_and_redeems_points_on_the_next_purchase()
    {
        var (customerId, accountId) = await GroceryOnlyCustomerAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=purchases");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#spend-grid .cm-tier").First).ToHaveTextAsync("Bronze");

            // Quick entry: the total alone, paid in cash. 5,200 ≥ the default Silver threshold of 5,000.
            await page.ClickAsync("#record-purchase");
            await EnterTotalAsync(page, "5200", "200,00");
            await page.ClickAsync("#save-purchase");
            await page.Locator(".mud-snackbar", new() { HasTextString = "5,200 points earned, 5,200 held; now Silver." }).WaitForAsync();
            await Assertions.Expect(page.Locator("#spend-grid .cm-tier").First).ToHaveTextAsync("Silver");
            await Assertions.Expect(page.Locator("#spend-grid .cm-next-tier").First).ToHaveTextAsync("Gold: 9,800.00 more in 12 months");

            // The next purchase: 100.00 less 1,000 points (10.00) = 90.00, earning floor(90 × 1.25) = 112 at Silver.
            await page.ClickAsync("#record-purchase");
            await EnterTotalAsync(page, "100", "100,00");
            await page.Locator("input[name=Points]").FillAsync("1000");
            await page.Locator("input[name=Points]").PressAsync("Tab");
            await Assertions.Expect(page.Locator("#save-purchase")).ToContainTextAsync("90,00");
            await page.ClickAsync("#save-purchase");
            await page.Locator(".mud-snackbar", new() { HasTextString = "of 90,00 recorded: 112 points earned, 4,312 held." }).WaitForAsync();
            await Assertions.Expect(page.Locator("#spend-grid .cm-points").First).ToHaveTextAsync("4,312");
            await Assertions.Expect(page.Locator("#point-history-grid")).ToContainTextAsync("Redemption");
            await Assertions.Expect(page.Locator("#purchase-history-grid")).ToContainTextAsync("1,000 points redeemed");
            await RunningApp.SnapshotAsync(page, "purchases-tab");

            await using var db = app.OpenDatabase();
            var account = await db.DivisionAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
            Assert.Equal((LoyaltyTier.Silver, 4_312), (account.LoyaltyTier, account.LoyaltyPoints));
            Assert.Equal(4_312, await db.PointEntries.Where(e => e.CustomerId == customerId).SumAsync(e => e.Points));
            Assert.Equal([5_200m, 90m], await db.Purchases.Where(p => p.CustomerId == customerId).OrderBy(p => p.Id).Select(p => p.Total).ToListAsync());
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-purchase-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>An active demo customer whose only account is in Grocery, Bronze, with no purchases yet (no other test uses these).</summary>
    private async Task<(int CustomerId, int AccountId)> GroceryOnlyCustomerAsync()
    {
        await using var db = app.OpenDatabase();
        var grocery = await db.Divisions.Where(d => d.Code == "GRO").Select(d => d.Id).SingleAsync();
        var account = await db.DivisionAccounts.AsNoTracking()
            .Where(a => a.DivisionId == grocery && a.Status == DivisionAccountStatus.Active && a.LoyaltyTier == LoyaltyTier.Bronze)
            .Where(a => db.DivisionAccounts.Count(o => o.CustomerId == a.CustomerId) == 1)
            .Where(a => !db.Purchases.Any(p => p.CustomerId == a.CustomerId) && !db.Laybys.Any(l => l.CustomerId == a.CustomerId))
            .Where(a => db.Customers.Any(c => c.Id == a.CustomerId && c.IsActive && !c.IsBlacklisted))
            .OrderByDescending(a => a.Id).Skip(2).FirstAsync();
        return (account.CustomerId, account.Id);
    }

    /// <summary>
    /// Types the total until the save button shows it: the dialog renders again when it has loaded the customer's
    /// accounts, and typing that lands before that render is lost under load.
    /// </summary>
    private static async Task EnterTotalAsync(IPage page, string total, string shown)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.FillAsync("#purchase-total", total);
            await page.Locator("#purchase-total").PressAsync("Tab");
            try
            {
                await Assertions.Expect(page.Locator("#save-purchase")).ToContainTextAsync(shown, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
