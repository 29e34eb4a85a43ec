using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Tasks;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages;
using CustomerManager.Web.Components.Pages.Tasks;
using CustomerManager.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Tasks;

/// <summary>"My tasks" on the home page: the user's open tasks, overdue first, ticked off in place.</summary>
public class MyTasksTests : MudTestContext, IClassFixture<StatementAppFactory>
{
    private readonly StatementAppFactory factory;

    public MyTasksTests(StatementAppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<FollowUpService>());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<Domain.Subscriptions.SubscriptionReportService>());
        Services.AddScoped<UiFeedback>();
    }

    [Fact]
    public async Task The_home_page_lists_my_open_tasks_overdue_first_then_today_then_upcoming_and_a_tick_completes_one()
    {
        var user = await TasksForNewUserAsync(("Upcoming", 25), ("Due today", 12), ("Overdue two days", 10), ("Overdue a week", 5));
        using var actor = Actors.As(user, Roles.Clerk);
        AddAuthorization().SetAuthorized(user).SetRoles(Roles.Clerk);
        RenderProviders();

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Equal(4, home.FindAll("li.cm-my-task").Count));
        Assert.Equal(["Overdue a week", "Overdue two days", "Due today", "Upcoming"], home.FindAll("li.cm-my-task .cm-task-title").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Overdue", "Overdue", "DueToday", "Upcoming"], home.FindAll("li.cm-my-task").Select(e => e.GetAttribute("data-standing")));
        Assert.Equal("2 overdue · 1 due today · 1 upcoming", home.Find("#my-tasks-summary").TextContent.Trim());
        Assert.Contains("overdue", home.Find("li.cm-my-task .cm-task-overdue").TextContent);

        home.Find("li.cm-my-task input[type=checkbox]").Change(true);

        home.WaitForAssertion(() => Assert.Equal(["Overdue two days", "Due today", "Upcoming"], home.FindAll("li.cm-my-task .cm-task-title").Select(e => e.TextContent.Trim())));
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var done = await db.FollowUpTasks.SingleAsync(t => t.AssigneeUserName == user && t.Title == "Overdue a week");
        Assert.True(done.IsDone);
        Assert.Equal(user, done.DoneBy);
    }

    [Fact]
    public async Task Without_open_tasks_the_home_page_says_so_and_an_accountant_sees_no_tick_boxes()
    {
        var user = await TasksForNewUserAsync();
        using var actor = Actors.As(user, Roles.Accountant);
        AddAuthorization().SetAuthorized(user).SetRoles(Roles.Accountant);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Equal("Nothing to follow up: no open tasks are assigned to you.", home.Find("#no-my-tasks").TextContent.Trim()));
        Assert.Empty(home.FindAll("input[type=checkbox]"));
    }

    /// <summary>A new clerk with open tasks due on these days of October 2026, seen on 12 October.</summary>
    private async Task<string> TasksForNewUserAsync(params (string Title, int Day)[] tasks)
    {
        factory.Clock.Set("2026-10-01");
        var user = "my.tasks." + CustomerTestData.Token();
        using (Actors.As("admin", Roles.Admin))
        {
            await factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>()
                .CreateAsync(new NewUserInput(user, "My " + user, null, "a long enough passphrase", [Roles.Clerk], []));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            var customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
            var service = factory.Services.CreateScope().ServiceProvider.GetRequiredService<FollowUpService>();
            foreach (var (title, day) in tasks)
            {
                await service.CreateAsync(customer.Id, new TaskInput(title, null, new DateOnly(2026, 10, day), user));
            }
        }

        factory.Clock.Set("2026-10-12");
        return user;
    }
}
