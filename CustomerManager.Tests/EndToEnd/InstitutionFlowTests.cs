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
                    await RunningApp.PickAsync(page, "#member-picker", number);
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

    [Fact]
    public async Task A_credit_manager_filters_customers_by_institution_assigns_the_chosen_ones_and_sets_a_membership_on_the_form()
    {
        List<string> members;
        string outsider;
        int outsiderId;
        await using (var db = app.OpenDatabase())
        {
            var school = await db.Institutions.Where(i => i.Code == "SMHS").Select(i => i.Id).SingleAsync();
            members = await db.Customers.Where(c => c.InstitutionId == school && c.IsActive).OrderBy(c => c.FullNameKey).ThenBy(c => c.Id)
                .Select(c => c.CustomerNumber).ToListAsync();
            // Someone whose name nobody else has: the demo's deliberate near-duplicates would ask "not a duplicate?" first.
            var names = await db.Customers.GroupBy(c => c.FullNameKey).Where(g => g.Count() == 1).Select(g => g.Key).ToListAsync();
            var people = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null && c.InstitutionId == null && c.FirstName != null)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerNumber, c.FullNameKey }).ToListAsync();
            var chosen = people.Where(p => names.Contains(p.FullNameKey)).Skip(people.Count / 3).First();
            (outsiderId, outsider) = (chosen.Id, chosen.CustomerNumber);
        }

        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/customers");
            await RunningApp.WaitForInteractiveAsync(page);
            await RunningApp.PickAsync(page, "#institution-filter", "SMHS");
            var rows = page.Locator("#customers-grid tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(members.Count);
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("institution=\\d+"));

            // The first two rows, chosen by their boxes, get a sales representative in one step.
            await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
            await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
            await Assertions.Expect(page.Locator("#bulk-menu")).ToContainTextAsync("Change 2 selected");
            await page.ClickAsync("#bulk-menu");
            await page.ClickAsync("#bulk-assign");
            await RunningApp.ChooseAsync(page, "#assign-employee-0", "Themba Mthembu");
            await RunningApp.ChooseAsync(page, "#assign-role-0", "Sales representative");
            await page.ClickAsync("#save-assignments");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "assigned to 2 customer(s)" })).ToBeVisibleAsync();

            await RunningApp.ChooseAsync(page, "#assigned-filter", "Themba Mthembu");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#customers-grid")).ToContainTextAsync(members[0]);
            await Assertions.Expect(page.Locator("#customers-grid")).ToContainTextAsync(members[1]);
            await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Themba Mthembu");

            await rows.Nth(0).Locator("a.cm-customer-link").ClickAsync();
            await page.WaitForURLAsync("**/customers/*");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Institution & team" }).ClickAsync();
            await Assertions.Expect(page.Locator("#customer-institution-current")).ToContainTextAsync("SMHS");
            await Assertions.Expect(page.Locator("#assignment-table")).ToContainTextAsync("Sales representative");

            // The customer form puts another customer into the hospital as a nurse.
            await page.GotoAsync($"/customers/{outsiderId}/edit");
            await RunningApp.WaitForInteractiveAsync(page);
            await RunningApp.PickAsync(page, "#customer-institution", "LGH");
            await RunningApp.ChooseAsync(page, "#customer-designation", "Nurse");
            await page.ClickAsync("#save-customer");
            await page.WaitForURLAsync($"**/customers/{outsiderId}");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Institution & team" }).ClickAsync();
            await Assertions.Expect(page.Locator("#customer-institution-current")).ToContainTextAsync("LGH Lakeside General Hospital as nurse");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-customer-relations-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }

        await using (var db = app.OpenDatabase())
        {
            var saved = await db.Customers.Where(c => c.CustomerNumber == outsider).Select(c => c.Designation).SingleAsync();
            Assert.Equal(Domain.Institutions.Designation.Nurse, saved);
        }
    }
}
