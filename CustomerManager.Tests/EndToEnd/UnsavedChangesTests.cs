using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// Issue 12: leaving the customer form with unsaved changes asks first, and "New customer" from the menu while on the
/// form starts a clean form.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class UnsavedChangesTests(RunningApp app)
{
    [Fact]
    public async Task Leaving_a_half_typed_customer_asks_first_and_new_customer_starts_clean()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            var menuNew = page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "New customer" });
            await menuNew.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers/new$"));
            await page.FillAsync("input[name=FirstName]", "Half");
            await page.PressAsync("input[name=FirstName]", "Tab");

            // Away to the customer list: asked, and "Stay" keeps the page and what was typed.
            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Customers" }).First.ClickAsync();
            var dialog = page.Locator(".mud-dialog", new() { HasTextString = "Leave without saving?" });
            await Assertions.Expect(dialog).ToContainTextAsync("This new customer is not saved yet.");
            await dialog.Locator("button", new() { HasTextString = "Stay" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers/new$"));
            await Assertions.Expect(page.Locator("input[name=FirstName]")).ToHaveValueAsync("Half");

            // "New customer" again: asked, and "Leave" starts a clean form.
            await menuNew.ClickAsync();
            await dialog.Locator("button", new() { HasTextString = "Leave" }).ClickAsync();
            await Assertions.Expect(page.Locator("input[name=FirstName]")).ToHaveValueAsync("");

            // A clean form leaves without asking.
            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Customers" }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-unsaved-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/laybys/open", "Description0", "Half a layby", "This layby is not opened yet")]
    [InlineData("/credit/apply", "EmployerName", "Half an application", "This credit application is not submitted yet.")]
    public async Task Leaving_a_half_typed_layby_or_credit_application_asks_first(string path, string field, string typed, string message)
    {
        int customerId;
        await using (var db = app.OpenDatabase())
        {
            customerId = await db.DivisionAccounts.Where(a => a.AllowLayby && a.Status == Domain.Accounts.DivisionAccountStatus.Active)
                .Join(db.Customers.Where(c => c.IsActive && !c.IsBlacklisted), a => a.CustomerId, c => c.Id, (a, c) => c.Id)
                .OrderBy(id => id).Skip(20).FirstAsync();
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"{path}?customer={customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            var input = page.Locator($"input[name={field}]");
            await input.FillAsync(typed);
            await input.PressAsync("Tab");

            // Away through the menu: asked, and "Stay" keeps the page and what was typed.
            var menuCustomers = page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Customers" }).First;
            await menuCustomers.ClickAsync();
            var dialog = page.Locator(".mud-dialog", new() { HasTextString = "Leave without saving?" });
            await Assertions.Expect(dialog).ToContainTextAsync(message);
            await dialog.Locator("button", new() { HasTextString = "Stay" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(input).ToHaveValueAsync(typed);

            // Asked again, and "Leave" goes.
            await menuCustomers.ClickAsync();
            await dialog.Locator("button", new() { HasTextString = "Leave" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-unsaved-forms-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
