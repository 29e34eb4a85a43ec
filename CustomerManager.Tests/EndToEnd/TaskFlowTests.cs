using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class TaskFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_adds_a_follow_up_task_on_a_customer_sees_it_on_the_home_page_and_ticks_it_off()
    {
        int customerId;
        await using (var db = app.OpenDatabase())
        {
            var ids = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            customerId = ids[(ids.Count * 3 / 5) + 7];
        }

        var title = $"Call back about the layby quote {Guid.NewGuid().ToString("N")[..6]}";
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=tasks");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#add-task");
            await page.FillAsync("#task-title", title);
            await page.FillAsync("#task-notes", "Asked for a call after five.");
            await page.ClickAsync("#save-task");
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Task added." })).ToBeVisibleAsync();
            var row = page.Locator("#customer-tasks tr", new() { HasTextString = title });
            await Assertions.Expect(row).ToContainTextAsync("Clara Clerk");
            await Assertions.Expect(row).ToContainTextAsync("today");

            await page.GotoAsync("/");
            await RunningApp.WaitForInteractiveAsync(page);
            var mine = page.Locator("#my-tasks li.cm-my-task", new() { HasTextString = title });
            await Assertions.Expect(mine).ToBeVisibleAsync();
            await Assertions.Expect(mine).ToHaveAttributeAsync("data-standing", "DueToday");
            await RunningApp.SnapshotAsync(page, "my-tasks");

            await mine.Locator(".cm-task-done").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = $"Done: {title}" })).ToBeVisibleAsync();
            await Assertions.Expect(mine).ToHaveCountAsync(0);

            await using var check = app.OpenDatabase();
            var task = await check.FollowUpTasks.SingleAsync(t => t.Title == title);
            Assert.True(task.IsDone);
            Assert.Equal(("clerk", "clerk", customerId), (task.AssigneeUserName, task.DoneBy, task.CustomerId));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-task-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
