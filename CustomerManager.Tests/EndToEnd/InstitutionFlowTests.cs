using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class InstitutionFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_credit_manager_creates_a_university_adds_members_assigns_employees_transfers_and_opens_the_workload()
    {
        List<string> numbers;
        int accountManager;
        await using (var db = app.OpenDatabase())
        {
            var people = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null && c.InstitutionId == null && c.FirstName != null)
                .OrderBy(c => c.Id).Select(c => c.CustomerNumber).ToListAsync();
            numbers = [people[people.Count / 2 + 7], people[people.Count / 2 + 8], people[people.Count / 2 + 9]];
            accountManager = await db.Employees.Where(e => e.FirstName == "Grace" && e.LastName == "Naidoo").Select(e => e.Id).SingleAsync();
        }

        var code = "E2EU" + Random.Shared.Next(1000, 9999);
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/institutions");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-institution");
            var dialog = page.Locator(".mud-dialog");
            await dialog.Locator("input[name=Name]").FillAsync("University of the End-to-End Cape");
            await dialog.Locator("input[name=Code]").FillAsync(code);
            await dialog.Locator("input[name=Category]").FillAsync("Public");
            await dialog.Locator("input[name=City]").FillAsync("Stellenbosch");
            await page.ClickAsync("#save-institution");
            await page.WaitForURLAsync("**/institutions/*");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#institution-code")).ToHaveTextAsync(code);

            // Three members: two students and a lecturer.
            foreach (var (numberGroup, designation) in new[] { (numbers.Take(2), "Student"), (numbers.Skip(2), "Lecturer") })
            {
                await page.ClickAsync("#add-members");
                foreach (var number in numberGroup)
                {
                    await PickCustomerAsync(page, number);
                    await Assertions.Expect(page.Locator("#chosen-members")).ToContainTextAsync(number);
                }

                await RunningApp.ChooseAsync(page, "#add-designation", designation);
                await page.ClickAsync("#save-members");
                await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            }

            await Assertions.Expect(page.Locator("#institution-members")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator("#member-grid tbody tr")).ToHaveCountAsync(3);
            await RunningApp.ChooseAsync(page, "#member-designation", "Lecturer");
            await Assertions.Expect(page.Locator("#member-grid tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#member-grid tbody tr")).ToContainTextAsync(numbers[2]);

            // An account manager and a collections officer for the university.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Assigned employees" }).ClickAsync();
            await page.ClickAsync("#assign-employees");
            await RunningApp.ChooseAsync(page, "#assign-employee-0", "Grace Naidoo");
            await RunningApp.ChooseAsync(page, "#assign-role-0", "Account manager");
            await page.ClickAsync("#assign-another");
            await RunningApp.ChooseAsync(page, "#assign-employee-1", "Themba Mthembu");
            await RunningApp.ChooseAsync(page, "#assign-role-1", "Collections officer");
            await page.ClickAsync("#save-assignments");
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await Assertions.Expect(page.Locator("#assignment-table tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#assignment-table")).ToContainTextAsync("Collections officer");
            await RunningApp.SnapshotAsync(page, "institution-assignments");

            // The account manager goes on leave: everything moves to a colleague.
            await page.GotoAsync($"/assignments/employees/{accountManager}");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#employee-assignment-grid")).ToContainTextAsync(code);
            await RunningApp.ChooseAsync(page, "#transfer-to", "Ruan Steyn");
            await RunningApp.ChooseAsync(page, "#transfer-reason", "Leave");
            await page.ClickAsync("#transfer-all");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "transferred to Ruan Steyn" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#employee-assignment-grid")).ToContainTextAsync("No assignments.");

            await page.GotoAsync("/assignments/workload");
            await RunningApp.WaitForInteractiveAsync(page);
            var ruan = page.Locator("#workload-table tbody tr", new() { HasTextString = "Ruan Steyn" });
            await Assertions.Expect(ruan).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#workload-chart")).ToBeVisibleAsync();
            await ruan.Locator("a", new() { HasTextString = "Ruan Steyn" }).ClickAsync();
            await page.WaitForURLAsync("**/assignments/employees/*");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#employee-assignment-grid")).ToContainTextAsync(code);
            await RunningApp.SnapshotAsync(page, "workload-drill-down");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-institution-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Types the number into the picker until its match is listed (the dialog's autofocus can swallow early typing under load).</summary>
    private static async Task PickCustomerAsync(IPage page, string number)
    {
        var picker = page.Locator("#member-picker");
        await picker.WaitForAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = number });
        for (var attempt = 1; ; attempt++)
        {
            await picker.ClickAsync();
            await picker.FillAsync(number);
            try
            {
                await item.First.WaitForAsync(new() { Timeout = 10_000 });
                await item.First.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await picker.FillAsync("");
            }
        }
    }
}
