using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Tasks;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Tasks;

public class FollowUpServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private static TaskInput Input(string title, DateOnly due, string assignee = "clerk", int? accountId = null, string? notes = null) =>
        new(title, notes, due, assignee, DivisionAccountId: accountId);

    [Fact]
    public async Task Clerks_credit_managers_and_admins_write_tasks_accountants_only_read_them()
    {
        factory.Clock.Set("2026-10-05");
        var customerId = await NewCustomerAsync();
        var today = new DateOnly(2026, 10, 5);
        FollowUpTask task;
        using (Actors.As("clerk", Roles.Clerk))
        {
            task = await Service().CreateAsync(customerId, Input("Call back about the quote", today.AddDays(2), notes: "Prefers mornings"));
            Assert.Equal("clerk", task.CreatedBy);
            Assert.Null(task.DedupeKey);
        }

        using (Actors.As("accountant", Roles.Accountant))
        {
            Assert.Equal(["Call back about the quote"], (await Service().ForCustomerAsync(customerId)).Select(t => t.Task.Title));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().CreateAsync(customerId, Input("Accountant's", today)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().CompleteAsync(task.Id, task.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SearchAsync(new TaskQuery(), 0, 10));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            task = await Service().EditAsync(task.Id, task.Version, Input("Call back about the new quote", today.AddDays(3), assignee: "credit"));
            Assert.Equal("credit", task.AssigneeUserName);
            Assert.NotNull(task.EditedAtUtc);
        }

        using (Actors.As("admin", Roles.Admin))
        {
            Assert.Contains((await Service().SearchAsync(new TaskQuery(AssigneeUserName: "credit"), 0, 50)).Items, t => t.Task.Id == task.Id);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_it_is_about_and_nothing_is_saved()
    {
        factory.Clock.Set("2026-10-05");
        var customerId = await NewCustomerAsync();
        var today = new DateOnly(2026, 10, 5);
        using var actor = Actors.As("clerk", Roles.Clerk);
        Assert.Equal("Title", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(customerId, Input(" ", today)))).Field);
        Assert.Equal("DueDate", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(customerId, Input("Late", today.AddDays(-1))))).Field);
        Assert.Equal("DueDate", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(customerId, new TaskInput("No day", null, null, "clerk")))).Field);
        Assert.Equal("Notes", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(customerId, Input("Long", today, notes: new string('n', 4_001))))).Field);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().CreateAsync(999_999, Input("Nobody", today)));
        Assert.Empty(await Service().ForCustomerAsync(customerId));
    }

    [Fact]
    public async Task Assignees_must_be_active_users_who_work_on_tasks_in_the_division_of_the_related_account()
    {
        factory.Clock.Set("2026-10-05");
        var today = new DateOnly(2026, 10, 5);
        var clothing = await CustomerTestData.DivisionIdAsync(factory.Services, "CLO");
        var grocery = await CustomerTestData.DivisionIdAsync(factory.Services, "GRO");
        var groceryAccount = await factory.CreditAccountAsync(grocery, 1000m);
        var clothingAccount = await factory.CreditAccountAsync(clothing, 1000m);
        var (groceryCustomer, clothingCustomer) = (await CustomerOfAsync(groceryAccount), await CustomerOfAsync(clothingAccount));
        await NewUserAsync("tasks.disabled", Roles.Clerk, disabled: true);

        using var actor = Actors.As("credit", Roles.CreditManager);
        var outside = await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(groceryCustomer, Input("Call", today, "clerk.clothing", groceryAccount)));
        Assert.Equal("clerk.clothing does not work in Grocery, where this task's record is.", outside.Message);
        Assert.Equal("Assignee", outside.Field);
        Assert.Contains("not an active user", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(groceryCustomer, Input("Call", today, "tasks.disabled")))).Message);
        Assert.Contains("not an active user", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(groceryCustomer, Input("Call", today, "nobody.here")))).Message);
        Assert.Contains("only clerks, credit managers and admins", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(groceryCustomer, Input("Call", today, "accountant")))).Message);
        Assert.Equal("That account is not this customer's.", (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(clothingCustomer, Input("Call", today, "clerk", groceryAccount)))).Message);

        // The clothing clerk may take a clothing task, and a task about no record; the admin may take any.
        var clothingTask = await Service().CreateAsync(clothingCustomer, Input("Clothing follow-up", today, "clerk.clothing", clothingAccount));
        Assert.Equal(clothing, clothingTask.DivisionId);
        await Service().CreateAsync(groceryCustomer, Input("General follow-up", today, "clerk.clothing"));
        await Service().CreateAsync(groceryCustomer, Input("Admin follow-up", today, "admin", groceryAccount));
        var groceryAssignees = (await Service().AssigneesAsync(grocery)).Select(a => a.UserName).ToList();
        Assert.Contains("clerk", groceryAssignees);
        Assert.Contains("admin", groceryAssignees);
        Assert.DoesNotContain("clerk.clothing", groceryAssignees);
        Assert.DoesNotContain("accountant", groceryAssignees);
        Assert.DoesNotContain("tasks.disabled", groceryAssignees);
    }

    [Fact]
    public async Task Users_limited_to_a_division_neither_see_nor_change_tasks_about_other_divisions()
    {
        factory.Clock.Set("2026-10-05");
        var today = new DateOnly(2026, 10, 5);
        var clothing = await CustomerTestData.DivisionIdAsync(factory.Services, "CLO");
        var grocery = await CustomerTestData.DivisionIdAsync(factory.Services, "GRO");
        var groceryAccount = await factory.CreditAccountAsync(grocery, 1000m);
        var customerId = await CustomerOfAsync(groceryAccount);
        FollowUpTask groceryTask;
        using (Actors.As("credit", Roles.CreditManager))
        {
            groceryTask = await Service().CreateAsync(customerId, Input("Grocery account check", today, "clerk", groceryAccount));
            await Service().CreateAsync(customerId, Input("Visit the customer", today, "clerk"));
        }

        using var limited = Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk);
        Assert.Equal(["Visit the customer"], (await Service().ForCustomerAsync(customerId)).Select(t => t.Task.Title));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().CompleteAsync(groceryTask.Id, groceryTask.Version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().CreateAsync(customerId, Input("Mine", today, "clerk.clothing", groceryAccount)));
        Assert.DoesNotContain(await Service().RelatedRecordsAsync(customerId), r => r.DivisionAccountId == groceryAccount);
    }

    [Fact]
    public async Task Completing_and_reopening_record_who_and_when_and_a_stale_or_repeated_tick_is_refused()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero);
        var customerId = await NewCustomerAsync();
        using var actor = Actors.As("clerk", Roles.Clerk);
        var task = await Service().CreateAsync(customerId, Input("Check the payment arrived", new DateOnly(2026, 10, 6)));

        var done = await Service().CompleteAsync(task.Id, task.Version);
        Assert.True(done.IsDone);
        Assert.Equal("clerk", done.DoneBy);
        Assert.Equal(new DateTime(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc), done.DoneAtUtc);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().CompleteAsync(task.Id, task.Version));
        Assert.Contains("already done by clerk", (await Assert.ThrowsAsync<DomainException>(() => Service().CompleteAsync(done.Id, done.Version))).Message);
        Assert.DoesNotContain(await Service().MineAsync(), t => t.Task.Id == task.Id);

        var reopened = await Service().ReopenAsync(done.Id, done.Version);
        Assert.False(reopened.IsDone);
        Assert.Null(reopened.DoneBy);
        Assert.Null(reopened.DoneAtUtc);
        Assert.Contains(await Service().MineAsync(), t => t.Task.Id == task.Id);
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(FollowUpTask) && a.EntityKey == task.Id.ToString()));
    }

    [Fact]
    public async Task My_tasks_are_mine_and_open_overdue_first_then_due_today_then_upcoming()
    {
        factory.Clock.Set("2026-10-01");
        var customerId = await NewCustomerAsync();
        var user = "tasks.order." + CustomerTestData.Token();
        await NewUserAsync(user, Roles.Clerk);
        using (Actors.As("credit", Roles.CreditManager))
        {
            foreach (var (title, day) in new[] { ("Upcoming later", 20), ("Today", 10), ("Overdue older", 2), ("Upcoming soon", 12), ("Overdue newer", 8) })
            {
                await Service().CreateAsync(customerId, Input(title, new DateOnly(2026, 10, day), user));
            }

            await Service().CreateAsync(customerId, Input("Someone else's", new DateOnly(2026, 10, 2), "clerk"));
        }

        factory.Clock.Set("2026-10-10");
        using var actor = Actors.As(user, Roles.Clerk);
        var mine = await Service().MineAsync();
        Assert.Equal(["Overdue older", "Overdue newer", "Today", "Upcoming soon", "Upcoming later"], mine.Select(t => t.Task.Title));
        Assert.Equal([TaskStanding.Overdue, TaskStanding.Overdue, TaskStanding.DueToday, TaskStanding.Upcoming, TaskStanding.Upcoming], mine.Select(t => t.Standing));

        using var supervisor = Actors.As("credit", Roles.CreditManager);
        var overdue = await Service().SearchAsync(new TaskQuery(AssigneeUserName: user, OverdueOnly: true), 0, 1);
        Assert.Equal(2, overdue.TotalCount);
        Assert.Equal(["Overdue older"], overdue.Items.Select(t => t.Task.Title));
    }

    [Fact]
    public async Task CreateOnce_creates_one_task_per_key_however_often_and_however_concurrently_it_is_called()
    {
        factory.Clock.Set("2026-10-05");
        var customerId = await NewCustomerAsync();
        var key = "collections:test:" + CustomerTestData.Token();
        var due = new DateOnly(2026, 10, 5);
        using var system = AmbientUser.Use(AmbientUser.System);

        Assert.True(await Service().CreateOnceAsync(key, customerId, "credit", "Collect overdue instalment", due, null, null, CancellationToken.None));
        Assert.False(await Service().CreateOnceAsync(key, customerId, "credit", "Collect overdue instalment", due, null, null, CancellationToken.None));

        var concurrentKey = key + ":concurrent";
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => Service().CreateOnceAsync(concurrentKey, customerId, "credit", "Collect", due, null, null, CancellationToken.None))));
        Assert.Equal(1, results.Count(r => r));

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(1, await db.FollowUpTasks.CountAsync(t => t.DedupeKey == key));
        Assert.Equal(1, await db.FollowUpTasks.CountAsync(t => t.DedupeKey == concurrentKey));
        Assert.Equal("system", (await db.FollowUpTasks.SingleAsync(t => t.DedupeKey == key)).CreatedBy);
    }

    [Fact]
    public async Task A_merge_moves_the_duplicates_tasks_to_the_survivor_and_an_undo_moves_them_back()
    {
        factory.Clock.Set("2026-10-05");
        var survivor = await NewCustomerAsync();
        var duplicate = await NewCustomerAsync();
        using var actor = Actors.As("credit", Roles.CreditManager);
        var task = await Service().CreateAsync(duplicate, Input("Return the deposit slip", new DateOnly(2026, 10, 9)));
        var merges = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerMergeService>();

        var mergeId = await merges.MergeAsync(survivor, duplicate, []);
        Assert.Equal([task.Id], (await Service().ForCustomerAsync(survivor)).Select(t => t.Task.Id));
        Assert.Empty(await Service().ForCustomerAsync(duplicate));
        await merges.UndoAsync(mergeId);
        Assert.Empty(await Service().ForCustomerAsync(survivor));
        Assert.Equal([task.Id], (await Service().ForCustomerAsync(duplicate)).Select(t => t.Task.Id));
    }

    private async Task<int> NewCustomerAsync()
    {
        using var actor = Actors.As("clerk", Roles.Clerk);
        return (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person())).Id;
    }

    private async Task<int> CustomerOfAsync(int accountId)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.CustomerId).SingleAsync();
    }

    private async Task NewUserAsync(string userName, string role, bool disabled = false)
    {
        using var actor = Actors.As("admin", Roles.Admin);
        var users = factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>();
        var id = await users.CreateAsync(new NewUserInput(userName, "Task " + userName, null, "a long enough passphrase", [role], []));
        if (disabled)
        {
            await users.SetDisabledAsync(id, true);
        }
    }

    private FollowUpService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<FollowUpService>();
}
