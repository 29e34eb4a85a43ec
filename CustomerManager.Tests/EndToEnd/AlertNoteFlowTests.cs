using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class AlertNoteFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_writes_an_alert_note_that_shows_on_the_profile_and_the_layby_form_and_folds_but_never_hides()
    {
        int customerId;
        await using (var db = app.OpenDatabase())
        {
            var ids = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            customerId = ids[ids.Count / 3];
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=notes");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#add-note");
            await page.FillAsync("#note-subject", "Do not extend credit");
            await page.FillAsync("#note-text", "Two bounced cheques in October; cash only until the account is settled.");
            await page.Locator("#note-alert").ClickAsync();
            await page.ClickAsync("#save-note");
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });

            var banner = page.Locator("#alert-notes .cm-alert-note", new() { HasTextString = "Do not extend credit" });
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".cm-note", new() { HasTextString = "bounced cheques" })).ToBeVisibleAsync();

            // Folded for the session, never gone: one click brings it back.
            await banner.Locator("button").ClickAsync();
            await Assertions.Expect(banner).ToHaveCountAsync(0);
            await page.ClickAsync("#show-alert-notes");
            await Assertions.Expect(banner).ToBeVisibleAsync();

            await page.GotoAsync($"/laybys/open?customer={customerId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#alert-notes", new() { HasTextString = "Do not extend credit" })).ToBeVisibleAsync();
            await RunningApp.SnapshotAsync(page, "alert-note");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-alert-note-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_clerk_logs_a_call_and_finds_it_on_the_contacts_timeline_filtered_by_channel()
    {
        int customerId;
        await using (var db = app.OpenDatabase())
        {
            var ids = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            customerId = ids[(ids.Count / 3) + 1];
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=contacts");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#log-contact");
            await page.FillAsync("#contact-subject", "Payment reminder");
            await page.FillAsync("#contact-body", "Called about the overdue instalment; will pay on Friday.");
            await page.ClickAsync("#save-contact");
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });

            var entry = page.Locator("#contact-timeline .cm-contact", new() { HasTextString = "Payment reminder" });
            await Assertions.Expect(entry).ToContainTextAsync("Phone call");
            await page.Locator("#timeline-channel").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText("Visit", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#no-contacts")).ToBeVisibleAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-contact-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
