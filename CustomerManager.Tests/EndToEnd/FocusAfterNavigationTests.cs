using CustomerManager.Data.Seeding;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Issue 12: after navigation the keyboard focus is in the page's main input, so typing straight away works.</summary>
[Collection(EndToEndCollection.Name)]
public class FocusAfterNavigationTests(RunningApp app)
{
    [Fact]
    public async Task After_the_menu_opens_a_page_typing_goes_into_its_main_input_without_a_click()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);

            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Customers" }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
            await RunningApp.WaitForInteractiveAsync(page);
            var search = page.Locator("#customer-search");
            await Assertions.Expect(search).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("Khumalo");
            await Assertions.Expect(search).ToHaveValueAsync("Khumalo");

            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Laybys" }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/laybys$"));
            await RunningApp.WaitForInteractiveAsync(page);
            var laybySearch = page.Locator("#layby-search");
            await Assertions.Expect(laybySearch).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("LAY-HRD");
            await Assertions.Expect(laybySearch).ToHaveValueAsync("LAY-HRD");

            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "New customer" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers/new$"));
            await RunningApp.WaitForInteractiveAsync(page);
            var firstName = page.Locator("input[name=FirstName]");
            await Assertions.Expect(firstName).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("Thandi");
            await Assertions.Expect(firstName).ToHaveValueAsync("Thandi");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-focus-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
