using System.Text.RegularExpressions;
using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>The customer list's search lives in the URL: bookmarks work, and a saved search opens from the menu.</summary>
[Collection(EndToEndCollection.Name)]
public class SavedSearchFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_saves_a_search_opens_it_from_the_menu_and_a_bookmarked_sort_is_shown()
    {
        string number, highest;
        await using (var db = app.OpenDatabase())
        {
            number = await db.Customers.Where(c => c.IsActive).OrderBy(c => c.Id).Select(c => c.CustomerNumber).Skip(3).FirstAsync();
            highest = await db.Customers.OrderByDescending(c => c.CustomerNumber).Select(c => c.CustomerNumber).FirstAsync();
        }

        var name = "E2E search " + Guid.NewGuid().ToString("N")[..6];
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            // A bookmark with a sort: every customer, highest number first.
            await page.GotoAsync("/customers?status=All&sort=Number&desc=true");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#customers-grid tbody tr").First).ToContainTextAsync(highest);

            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.FillAsync("#customer-search", number);
            await Assertions.Expect(page.Locator("#customers-grid tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page).ToHaveURLAsync(SearchUrl(number));

            await page.ClickAsync("#saved-searches-menu button");
            await page.ClickAsync("#save-search");
            await page.FillAsync("#saved-search-name", name);
            await page.ClickAsync("#confirm-save-search");
            await page.Locator(".mud-snackbar", new() { HasTextString = $"Search \"{name}\" saved." }).WaitForAsync();

            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#customers-grid .cm-customer-link")).ToHaveCountAsync(25);
            await page.ClickAsync("#saved-searches-menu button");
            await page.Locator(".cm-saved-search", new() { HasTextString = name }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(SearchUrl(number));
            await Assertions.Expect(page.Locator("#customers-grid tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#customer-search")).ToHaveValueAsync(number);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-saved-search-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static Regex SearchUrl(string number) => new($"/customers\\?q={Regex.Escape(number)}$");
}
