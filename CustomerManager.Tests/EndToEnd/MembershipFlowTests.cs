using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class MembershipFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_admin_previews_and_applies_automatic_membership_and_a_clerk_ends_one_in_the_members_list()
    {
        // Worked out from the database, not the service: open accounts of active customers, not members yet, whose
        // purchases net of returns reach 1.00. The division with the most such accounts is used.
        var (divisionName, divisionId, expected) = await QualifyingAsync(1m);
        Assert.NotEmpty(expected);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/membership");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator(".mud-tab", new() { HasTextString = "Automatic membership" }).ClickAsync();
            await RunningApp.ChooseAsync(page, "#activation-division", divisionName);
            await page.FillAsync("#activation-threshold", "1");
            await page.Locator("#activation-threshold").PressAsync("Tab");
            await page.ClickAsync("#activation-preview");
            await Assertions.Expect(page.Locator("#activation-count")).ToHaveTextAsync($"{expected.Count} accounts would become members");
            await RunningApp.SnapshotAsync(page, "membership-preview");

            await page.ClickAsync("#activation-apply");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Apply" }).ClickAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = $"{expected.Count} accounts are now members." }).WaitForAsync();

            await using (var db = app.OpenDatabase())
            {
                var members = await db.DivisionAccounts.AsNoTracking()
                    .Where(a => a.DivisionId == divisionId && a.IsMember && a.MembershipChangedBy == "admin" && a.MembershipChangedHow == MembershipChange.Threshold)
                    .Select(a => a.Id).ToListAsync();
                Assert.Superset(expected.ToHashSet(), members.ToHashSet());
                Assert.Empty((await QualifyingAsync(1m, divisionId)).Accounts);
            }

            // The statistics count them; a clerk ends one membership with the switch in the members list.
            await page.Locator(".mud-tab", new() { HasTextString = "Statistics" }).ClickAsync();
            await Assertions.Expect(page.Locator("#membership-divisions")).ToContainTextAsync(divisionName);
            await RunningApp.SignOutAsync(page);
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/membership");
            await RunningApp.WaitForInteractiveAsync(page);
            await RunningApp.ChooseAsync(page, "#members-division", divisionName);
            var first = expected.Min();
            string number;
            await using (var db = app.OpenDatabase())
            {
                number = await db.DivisionAccounts.Where(a => a.Id == first).Select(a => a.AccountNumber).SingleAsync();
            }

            await page.FillAsync("#members-search", number);
            // The search reloads the rows after its debounce: act on the row it found, not one of the first page.
            await Assertions.Expect(page.Locator("#members-table tbody tr")).ToHaveCountAsync(1);
            var toggle = page.Locator("#members-table tbody tr", new() { HasTextString = number }).Locator("input");
            await toggle.WaitForAsync();
            await toggle.UncheckAsync();
            await page.Locator(".mud-snackbar", new() { HasTextString = $"({number}) is no longer a member." }).WaitForAsync();
            await using (var db = app.OpenDatabase())
            {
                var ended = await db.DivisionAccounts.AsNoTracking().SingleAsync(a => a.Id == first);
                Assert.Equal((false, "clerk", MembershipChange.Manual), (ended.IsMember, ended.MembershipChangedBy, ended.MembershipChangedHow!.Value));
            }
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-membership-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<(string Name, int DivisionId, List<int> Accounts)> QualifyingAsync(decimal threshold, int? onlyDivision = null)
    {
        await using var db = app.OpenDatabase();
        var bought = await db.Purchases.AsNoTracking().GroupBy(p => new { p.DivisionId, p.CustomerId })
            .Select(g => new { g.Key.DivisionId, g.Key.CustomerId, Total = g.Sum(p => p.Total) }).ToListAsync();
        var returned = await db.PurchaseReturns.AsNoTracking().GroupBy(r => new { r.DivisionId, r.CustomerId })
            .Select(g => new { g.Key.DivisionId, g.Key.CustomerId, Total = g.Sum(r => r.Amount) }).ToListAsync();
        var open = await (from a in db.DivisionAccounts.AsNoTracking()
                          join c in db.Customers on a.CustomerId equals c.Id
                          where !a.IsMember && c.IsActive && !c.IsBlacklisted
                                && a.Status != DivisionAccountStatus.Closed && a.Status != DivisionAccountStatus.Blacklisted
                          select new { a.Id, a.DivisionId, a.CustomerId }).ToListAsync();
        var qualifying = open.Where(a => bought.Where(b => b.DivisionId == a.DivisionId && b.CustomerId == a.CustomerId).Sum(b => b.Total)
                - returned.Where(r => r.DivisionId == a.DivisionId && r.CustomerId == a.CustomerId).Sum(r => r.Total) >= threshold)
            .Where(a => onlyDivision == null || a.DivisionId == onlyDivision).ToList();
        var division = onlyDivision ?? qualifying.GroupBy(a => a.DivisionId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var name = await db.Divisions.Where(d => d.Id == division).Select(d => d.Name).FirstOrDefaultAsync() ?? "";
        return (name, division, qualifying.Where(a => a.DivisionId == division).Select(a => a.Id).ToList());
    }
}
