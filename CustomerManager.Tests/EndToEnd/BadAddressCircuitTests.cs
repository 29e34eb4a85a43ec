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
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
                await Assertions.Expect(page.Locator(selector).First).ToContainTextAsync(text);
            }

            // The same circuit: the customer page for the clerk, who picks the customer for a layby from there.
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/laybys/open");
            var picker = page.Locator("#choose-customer-picker");
            await Assertions.Expect(picker).ToBeFocusedAsync();
            await picker.PressSequentiallyAsync(customerNumber, new() { Delay = 20 });
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = customerNumber }).First.ClickAsync();
            // Polls the address (a same-page navigation: there is no load event to wait for).
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/laybys/open\?customer=\d+$"));
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

/// <summary>
/// Issue 13 item 7 in the browser: text longer than a field takes, sent past the browser's own limit (a paste through
/// a script, a tampered page), reaches the server and is refused beside the field; nothing is saved and the circuit lives.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class OversizeTextTests(RunningApp app)
{
    [Fact]
    public async Task A_forty_thousand_character_address_is_refused_beside_the_field_and_nothing_is_saved()
    {
        int customerId;
        string? address;
        await using (var db = app.OpenDatabase())
        {
            (customerId, address) = await db.Customers.Where(c => c.IsActive && c.Type == Domain.Customers.CustomerType.Individual)
                .OrderByDescending(c => c.Id).Select(c => new ValueTuple<int, string?>(c.Id, c.Address)).FirstAsync();
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}/edit");
            await RunningApp.WaitForInteractiveAsync(page);
            // 40,000 characters: more than SignalR's default 32 KB message, which used to drop the value unseen.
            await page.EvaluateAsync(@"() => {
                const input = document.querySelector('input[name=Address]');
                input.value = 'x'.repeat(40000);
                input.dispatchEvent(new Event('change', { bubbles: true }));
            }");
            await page.ClickAsync("#save-customer");

            await Assertions.Expect(page.Locator(".cm-field-error", new() { HasTextString = "The address can be at most 200 characters (it has 40,000)." }))
                .ToBeVisibleAsync();
            Assert.EndsWith($"/customers/{customerId}/edit", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToHaveCountAsync(0);
            await using var db = app.OpenDatabase();
            Assert.Equal(address, await db.Customers.Where(c => c.Id == customerId).Select(c => c.Address).SingleAsync());
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
