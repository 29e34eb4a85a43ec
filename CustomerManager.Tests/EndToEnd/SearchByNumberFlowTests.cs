using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Issue 12: a clerk with a layby slip or a receipt gets to the layby from the keyboard.</summary>
[Collection(EndToEndCollection.Name)]
public class SearchByNumberFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_opens_a_layby_with_Ctrl_K_and_a_loose_number_and_from_a_receipt_number_in_the_customer_search()
    {
        var (laybyNumber, receiptNumber, receiptsLayby) = await DemoLaybysAsync();
        // "LAY-CLO-000018" as a clerk reads it off a slip: "lay clo 18".
        var parts = laybyNumber.ToLowerInvariant().Split('-');
        var loose = $"{parts[0]} {parts[1]} {parts[2].TrimStart('0')}";
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);

            // The customer search box has the focus; Ctrl+K moves it to the app bar's search (once its module listens).
            await page.Locator("#global-search[data-shortcut]").WaitForAsync();
            await page.Keyboard.PressAsync("Control+K");
            await Assertions.Expect(page.Locator("#global-search")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(loose);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/laybys/\d+$"));
            await Assertions.Expect(page.Locator("#layby-number")).ToHaveTextAsync(laybyNumber);
            await RunningApp.SnapshotAsync(page, "global-search-layby");

            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.FillAsync("#customer-search", receiptNumber.ToLowerInvariant());
            await page.PressAsync("#customer-search", "Enter");
            await Assertions.Expect(page.Locator("#layby-number")).ToHaveTextAsync(receiptsLayby);

            // A number that matches nothing says so and stays on the page.
            await page.Keyboard.PressAsync("Control+K");
            await page.Keyboard.TypeAsync("LAY-CLO-999999");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "No layby LAY-CLO-999999." })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#layby-number")).ToHaveTextAsync(receiptsLayby);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-search-by-number-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>A Clothing layby's number, and a payment receipt of another layby with that layby's number.</summary>
    private async Task<(string LaybyNumber, string ReceiptNumber, string ReceiptsLayby)> DemoLaybysAsync()
    {
        await using var db = app.OpenDatabase();
        var layby = await db.Laybys.Where(l => l.LaybyNumber.StartsWith("LAY-CLO-")).OrderBy(l => l.Id).Select(l => l.LaybyNumber).FirstAsync();
        var receipt = await (from e in db.LaybyEntries
                             join l in db.Laybys on e.LaybyId equals l.Id
                             where e.ReceiptNumber != null && l.LaybyNumber != layby
                             orderby e.Id descending
                             select new { e.ReceiptNumber, l.LaybyNumber }).FirstAsync();
        return (layby, receipt.ReceiptNumber!, receipt.LaybyNumber);
    }
}
