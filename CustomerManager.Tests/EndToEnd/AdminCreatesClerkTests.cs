using CustomerManager.Data.Seeding;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class AdminCreatesClerkTests(RunningApp app)
{
    [Fact]
    public async Task An_admin_creates_a_clerk_who_then_signs_in_to_the_clerk_home_without_admin_entries()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.Locator(".mud-nav-link-text", new() { HasTextString = "Users" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/users");
            await RunningApp.WaitForInteractiveAsync(page);

            await page.ClickAsync("#new-user");
            var dialog = page.Locator(".mud-dialog");
            // The dialog focuses its first field: typing goes straight into the user name.
            await Assertions.Expect(dialog.Locator("input[name=UserName]")).ToBeFocusedAsync();
            await dialog.Locator("input[name=UserName]").FillAsync("e2e.clerk");
            await dialog.Locator("input[name=DisplayName]").FillAsync("Eddie Clerk");
            await dialog.Locator("input[name=Password]").FillAsync("a long enough passphrase");
            await dialog.Locator("input[name=Password]").PressAsync("Tab");
            await dialog.GetByText("Clerk", new() { Exact = true }).ClickAsync();
            await RunningApp.SnapshotAsync(page, "users-dialog");
            // Enter in a field saves the form.
            await dialog.Locator("input[name=DisplayName]").PressAsync("Enter");

            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "User e2e.clerk created." })).ToBeVisibleAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            var row = page.Locator("#users-grid tbody tr", new() { HasTextString = "e2e.clerk" });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToArray();
            Assert.Equal(["e2e.clerk", "Eddie Clerk", "", "Clerk", "All", "Active"], cells[..6]);
            await RunningApp.SnapshotAsync(page, "users-list");

            // The audit log lists the new user's creation without any filter set, by the admin's display name.
            await page.Locator(".mud-nav-link-text", new() { HasTextString = "Audit log" }).ClickAsync();
            await page.WaitForURLAsync("**/audit");
            var creation = page.Locator("#audit-grid tbody tr")
                .Filter(new() { HasTextString = "Created" })
                .Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^User$") }) })
                .Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Ada Admin$") }) });
            await Assertions.Expect(creation.First).ToBeVisibleAsync();

            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync("**/account/login");

            await app.SignInAsync(page, "e2e.clerk", "a long enough passphrase");
            await page.Locator("#home-clerk").WaitForAsync();
            await RunningApp.SnapshotAsync(page, "clerk-home");
            Assert.Equal("Eddie Clerk", (await page.Locator("#signed-in-user").InnerTextAsync()).Trim());
            var entries = await page.Locator(".mud-nav-link-text").AllInnerTextsAsync();
            Assert.Equal(["Home", "Customers", "New customer", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Import usage", "My password", "Two-factor sign-in"], entries.Select(e => e.Trim()));
            Assert.Equal(0, await page.Locator("#home-admin").CountAsync());

            var refused = await page.GotoAsync("/admin/users");
            Assert.Contains("/account/access-denied", page.Url);
            Assert.NotNull(refused);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
