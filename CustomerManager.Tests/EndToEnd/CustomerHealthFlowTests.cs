using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Success;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>The app on a real socket with a clock the test sets, so the nightly job runs on the days the test chooses.</summary>
public sealed class ClockedKestrelAppFactory : AppFactory
{
    public ClockedKestrelAppFactory() => UseKestrel(0);

    public TestClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public string BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }

    /// <summary>Runs the daily job once through its entry point, as the scheduler would.</summary>
    public Task RunDailyJobAsync() =>
        Services.GetServices<IHostedService>().OfType<LaybyDailyJob>().Single().RunOnceAsync(CancellationToken.None);
}

public class CustomerHealthFlowTests(ClockedKestrelAppFactory factory) : IClassFixture<ClockedKestrelAppFactory>
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task An_account_manager_logs_a_negative_engagement_and_the_nightly_job_turns_the_customer_yellow_with_a_task_and_a_place_on_the_dashboard()
    {
        factory.Clock.Set("2026-11-02");
        var baseUrl = factory.BaseUrl;
        var customerId = await ManagedByCreditAsync();
        using (Actors.As("credit", Roles.CreditManager))
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CustomerSuccessService>().LogEngagementAsync(customerId,
                new EngagementInput(EngagementType.Demo, "Product demo", new DateOnly(2026, 11, 2), true, 60, "Craig Credit", EngagementOutcome.Positive, null));
        }

        await factory.RunDailyJobAsync();
        factory.Clock.Set("2026-11-03");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        try
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#username", "credit");
            await page.FillAsync("#password", DemoDataSeeder.DemoPassword);
            await page.ClickAsync("#sign-in");
            await RunningApp.WaitForInteractiveAsync(page);

            await page.GotoAsync($"/customers/{customerId}?tab=health");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#health-band")).ToHaveTextAsync("90 · Green");
            await page.ClickAsync("#log-engagement");
            await RunningApp.ChooseAsync(page, "#engagement-type", "Call");
            await page.FillAsync("#engagement-title", "Unhappy about late deliveries");
            await RunningApp.ChooseAsync(page, "#engagement-outcome", "Negative");
            await page.FillAsync("#engagement-attendees", "Craig Credit, the buyer");
            await page.ClickAsync("#save-engagement");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Engagement saved." })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#health-band")).ToHaveTextAsync("70 · Yellow");
            await Assertions.Expect(page.Locator("#health-timeline tr", new() { HasTextString = "Unhappy about late deliveries" })).ToContainTextAsync("Negative");

            await factory.RunDailyJobAsync();

            await page.GotoAsync("/");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#my-tasks li.cm-my-task", new() { HasTextString = "Health score dropped 20 points in 30 days, from 90 to 70" })).ToBeVisibleAsync();

            await page.GotoAsync("/success");
            await RunningApp.WaitForInteractiveAsync(page);
            var row = page.Locator($"#at-risk-table tr[data-customer='{customerId}']");
            await Assertions.Expect(row).ToContainTextAsync("70");
            await Assertions.Expect(row).ToContainTextAsync("Yellow");
            await Assertions.Expect(row).ToContainTextAsync("Craig Credit");
            await row.Locator("a").ClickAsync();
            await page.WaitForURLAsync($"**/customers/{customerId}");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-health-failure.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>A new company whose account manager is the demo credit manager's employee record.</summary>
    private async Task<int> ManagedByCreditAsync()
    {
        int employeeId;
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            var userId = await db.Users.Where(u => u.UserName == "credit").Select(u => u.Id).SingleAsync();
            var employee = await db.Employees.FirstOrDefaultAsync(e => e.UserId == userId);
            if (employee is null)
            {
                var division = await db.Divisions.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
                employee = new Domain.Organisation.Employee("Craig", "Credit", division, "Account manager");
                db.Employees.Add(employee);
                await db.SaveChangesAsync();
                employee.Update("Craig", "Credit", division, "Account manager", userId, isActive: true);
                await db.SaveChangesAsync();
            }

            employeeId = employee.Id;
        }

        using var actor = Actors.As("credit", Roles.CreditManager);
        using var scope = factory.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(Customers.CustomerTestData.Company("Healthy Hardware " + Customers.CustomerTestData.Token()));
        await scope.ServiceProvider.GetRequiredService<AssignmentService>().AssignCustomersAsync([customer.Id], [new AssignmentInput(employeeId, AssignmentRole.AccountManager)]);
        return customer.Id;
    }
}
