using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Issue 12: after "Open account" on the profile, the accounts grid shows the new account without a reload.</summary>
[Collection(EndToEndCollection.Name)]
public class OpenAccountFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_account_opened_on_the_profile_appears_in_the_accounts_grid_at_once()
    {
        int customerId;
        string divisionName;
        await using (var db = app.OpenDatabase())
        {
            // An active demo customer without an account in some active division.
            var divisions = await db.Divisions.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Id).ToListAsync();
            var candidate = await db.Customers.AsNoTracking()
                .Where(c => c.IsActive && !c.IsBlacklisted && c.MergedIntoId == null
                    && db.DivisionAccounts.Count(a => a.CustomerId == c.Id) < divisions.Count)
                .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
            var held = await db.DivisionAccounts.Where(a => a.CustomerId == candidate).Select(a => a.DivisionId).ToListAsync();
            (customerId, divisionName) = (candidate, divisions.First(d => !held.Contains(d.Id)).Name);
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            var rows = page.Locator("#accounts-grid tbody tr", new() { HasTextString = divisionName });
            await Assertions.Expect(rows).ToHaveCountAsync(0);

            await page.ClickAsync("#new-account-division");
            await page.Locator(".mud-popover-open .mud-list-item").GetByText(divisionName, new() { Exact = true }).ClickAsync();
            await page.ClickAsync("#open-account");

            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Division account opened.");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-open-account-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
