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
            await page.Locator(".rz-navigation-item-text", new() { HasTextString = "Users" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/users");
            await RunningApp.WaitForInteractiveAsync(page);

            await page.ClickAsync("#new-user");
            var dialog = page.Locator(".rz-dialog");
            await dialog.Locator("input[name=UserName]").FillAsync("e2e.clerk");
            await dialog.Locator("input[name=DisplayName]").FillAsync("Eddie Clerk");
            await dialog.Locator("input[name=Password]").FillAsync("a long enough passphrase");
            await dialog.Locator("input[name=Password]").PressAsync("Tab");
            await dialog.GetByText("Clerk", new() { Exact = true }).ClickAsync();
            await RunningApp.SnapshotAsync(page, "users-dialog");
            await page.ClickAsync("#save-user");

            await page.Locator(".rz-notification-message", new() { HasTextString = "User e2e.clerk created." }).WaitForAsync();
            var row = page.Locator("#users-grid tr", new() { HasTextString = "e2e.clerk" });
            await row.WaitForAsync();
            Assert.Contains("Clerk", await row.InnerTextAsync());
            await RunningApp.SnapshotAsync(page, "users-list");

            // The audit log lists the new user's creation without any filter set.
            await page.Locator(".rz-navigation-item-text", new() { HasTextString = "Audit log" }).ClickAsync();
            await page.Locator("#audit-grid tbody tr", new() { HasTextString = "ada" }).Or(
                page.Locator("#audit-grid tbody tr", new() { HasTextString = "admin" })).First.WaitForAsync();
            Assert.Contains("User", await page.Locator("#audit-grid tbody").InnerTextAsync());

            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync("**/account/login");

            await app.SignInAsync(page, "e2e.clerk", "a long enough passphrase");
            await page.Locator("#home-clerk").WaitForAsync();
            await RunningApp.SnapshotAsync(page, "clerk-home");
            Assert.Equal("Eddie Clerk", (await page.Locator("#signed-in-user").InnerTextAsync()).Trim());
            var entries = await page.Locator(".rz-navigation-item-text").AllInnerTextsAsync();
            Assert.Equal(["Home", "Customers", "New customer", "Laybys", "My password"], entries.Select(e => e.Trim()));
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
