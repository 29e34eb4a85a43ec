using CustomerManager.Data;
using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class CustomerFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_finds_a_customer_by_a_phone_typed_locally_and_is_warned_about_a_duplicate_email()
    {
        var (number, phone, email) = await SeededCustomerWithEmailAsync();
        // "+27821000005" as a clerk types it: with spaces and the national leading 0.
        var typed = "0" + phone[3..5] + " " + phone[5..8] + " " + phone[8..];
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.Locator("#nav-drawer .mud-nav-link", new() { HasTextString = "Customers" }).First.ClickAsync();
            await page.WaitForURLAsync("**/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            // The list shows the first page before anything is typed (retrying: the grid loads once interactive).
            await Assertions.Expect(page.Locator("#customers-grid .cm-customer-link")).ToHaveCountAsync(25);

            await page.FillAsync("#customer-search", typed);
            // Retrying until the debounced search has answered: one row, the customer typed.
            await Assertions.Expect(page.Locator("#customers-grid tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#customers-grid tbody tr")).ToContainTextAsync(number);
            await RunningApp.SnapshotAsync(page, "customer-search");
            await page.PressAsync("#customer-search", "Enter");
            await page.Locator("#customer-number", new() { HasTextString = number }).WaitForAsync();
            await RunningApp.SnapshotAsync(page, "customer-profile");

            await page.GotoAsync("/customers/new");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.FillAsync("input[name=FirstName]", "Dupli");
            await page.FillAsync("input[name=LastName]", "Cate");
            await page.FillAsync("input[name=PrimaryPhone]", "083 999 1234");
            await page.FillAsync("input[name=PrimaryEmail]", email.ToUpperInvariant());
            await page.PressAsync("input[name=PrimaryEmail]", "Tab");
            var candidate = page.Locator("#duplicate-warning tbody tr", new() { HasTextString = number });
            await Assertions.Expect(candidate).ToContainTextAsync("Same e-mail");
            await Assertions.Expect(candidate.Locator("td.cm-duplicate-score")).ToHaveTextAsync("100");
            await RunningApp.SnapshotAsync(page, "customer-duplicate-warning");

            await page.ClickAsync("#save-customer");
            await page.Locator(".cm-field-error", new() { HasTextString = "already uses this e-mail address" }).WaitForAsync();
            Assert.Contains("/customers/new", page.Url);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-customer-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_credit_manager_merges_two_near_duplicates_and_undoes_it()
    {
        var (survivorId, survivorNumber, mergedNumber) = await NearDuplicatePairAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/merge?survivor={survivorId}");
            await RunningApp.WaitForInteractiveAsync(page);

            await page.FillAsync("input[name=Merged]", mergedNumber);
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = mergedNumber }).ClickAsync();
            await page.Locator("#merge-preview").WaitForAsync();
            await page.Locator("input[data-take-merged=FirstName]").CheckAsync();
            await RunningApp.SnapshotAsync(page, "merge-preview");
            await page.ClickAsync("#confirm-merge");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Merge" }).ClickAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = $"{mergedNumber} merged into {survivorNumber}" }).WaitForAsync();

            var row = page.Locator("#recent-merges tbody tr", new() { HasTextString = $"{mergedNumber} → {survivorNumber}" });
            await row.Locator(".cm-undo-merge").ClickAsync();
            await page.Locator(".mud-dialog button", new() { HasTextString = "Undo merge" }).ClickAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = "Merge undone." }).WaitForAsync();
            await Assertions.Expect(row.Locator(".cm-merge-undone")).ToHaveTextAsync("Undone");
            await RunningApp.SnapshotAsync(page, "merge-undone");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-merge-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }

        await using var db = app.OpenDatabase();
        var merged = await db.Customers.SingleAsync(c => c.CustomerNumber == mergedNumber);
        Assert.True(merged.IsActive);
        Assert.Null(merged.MergedIntoId);
    }

    private async Task<(string Number, string Phone, string Email)> SeededCustomerWithEmailAsync()
    {
        await using var db = app.OpenDatabase();
        var customer = await db.Customers.Where(c => c.PrimaryEmail != null && c.PrimaryPhone.StartsWith("+278"))
            .OrderBy(c => c.Id).FirstAsync();
        return (customer.CustomerNumber, customer.PrimaryPhone, customer.PrimaryEmail!);
    }

    /// <summary>The demo data's deliberate near-duplicate: the first customer again with a typo in the first name.</summary>
    private async Task<(int SurvivorId, string SurvivorNumber, string MergedNumber)> NearDuplicatePairAsync()
    {
        await using var db = app.OpenDatabase();
        var first = await db.Customers.OrderBy(c => c.Id).FirstAsync();
        var twin = await db.Customers.Where(c => c.LastName == first.LastName && c.FirstName == first.FirstName + "e").FirstAsync();
        return (first.Id, first.CustomerNumber, twin.CustomerNumber);
    }
}
