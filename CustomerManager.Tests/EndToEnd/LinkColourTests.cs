using CustomerManager.Data.Seeding;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Issue 12: one link colour from the theme (AppTheme's primary), for MudLink and for plain anchors in grids.</summary>
[Collection(EndToEndCollection.Name)]
public class LinkColourTests(RunningApp app)
{
    /// <summary>AppTheme's Primary, #1F5C99, as the browser reports it.</summary>
    private const string ThemePrimary = "rgb(31, 92, 153)";

    [Fact]
    public async Task Plain_links_in_grids_have_the_themes_primary_colour_like_MudLink()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            var customerLink = page.Locator("a.cm-customer-link").First;
            await Assertions.Expect(customerLink).ToHaveCSSAsync("color", ThemePrimary);

            await page.GotoAsync("/laybys");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("a.cm-layby-link").First).ToHaveCSSAsync("color", ThemePrimary);

            await page.GotoAsync("/");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator(".cm-home-links a.mud-link").First).ToHaveCSSAsync("color", ThemePrimary);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-link-colour-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
