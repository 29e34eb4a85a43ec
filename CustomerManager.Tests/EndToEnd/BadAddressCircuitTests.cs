using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 3 in the browser: navigating inside one circuit to addresses that name nothing, or another division's
/// layby, shows the message in the layout, and the same circuit goes on working (no reload, no "reconnecting").
/// </summary>
[Collection(EndToEndCollection.Name)]
public class BadAddressCircuitTests(RunningApp app)
{
    [Fact]
    public async Task A_limited_clerk_types_bad_addresses_and_the_circuit_keeps_working()
    {
        int hardwareLaybyId;
        string customerNumber;
        await using (var db = app.OpenDatabase())
        {
            hardwareLaybyId = await db.Laybys.Where(l => l.DivisionId == 4).Select(l => l.Id).FirstAsync();
            customerNumber = await db.Customers.Where(c => c.IsActive).OrderBy(c => c.Id).Select(c => c.CustomerNumber).FirstAsync();
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk.clothing", DemoDataSeeder.DemoPassword);
            var expectations = new (string Path, string Selector, string Text)[]
            {
                ("/laybys/999999999", "#page-problem[data-kind=not-found]", "That layby does not exist."),
                ($"/laybys/{hardwareLaybyId}", "#page-problem[data-kind=not-allowed]", "You are limited to other divisions"),
                ("/customers/999999999/edit", "#page-problem[data-kind=not-found]", "That customer does not exist."),
                ("/credit/review/999999", "#access-denied", "Not for your role"),
                ("/laybys/open?customer=999999", "#choose-customer", "That customer does not exist."),
                ("/credit/apply?customer=abc", "#choose-customer", "\"abc\" in the address is not a customer."),
                ("/laybys?show=-5", "#laybys-grid", "LAY-CLO-"),
            };
            foreach (var (path, selector, text) in expectations)
            {
                // Inside the circuit, as a link would: not a new page load.
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
                await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal));
                await Assertions.Expect(page.Locator(selector).First).ToContainTextAsync(text);
            }

            // The same circuit: the customer page for the clerk, who picks the customer for a layby from there.
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/laybys/open");
            var picker = page.Locator("#choose-customer-picker");
            await Assertions.Expect(picker).ToBeFocusedAsync();
            await picker.PressSequentiallyAsync(customerNumber, new() { Delay = 20 });
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = customerNumber }).First.ClickAsync();
            await page.WaitForURLAsync("**/laybys/open?customer=*");
            await Assertions.Expect(page.Locator(".cm-main")).ToContainTextAsync("For " + customerNumber);
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToHaveCountAsync(0);
            Assert.DoesNotContain("circuit will be terminated", app.Log, StringComparison.OrdinalIgnoreCase);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-bad-address-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
