using System.Net;
using Bunit;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Admin;
using CustomerManager.Web.Components.Shared;
using CustomerManager.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace CustomerManager.Tests.Laybys;

public class LaybyPolicyAdminTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;

    /// <summary>UTC moments; the business is in Johannesburg (UTC+2), so 01:00 local is 23:00 UTC the day before.</summary>
    public static TheoryData<string, string, string> NextRuns => new()
    {
        { "2025-03-09T22:15:00", "2025-03-09T23:00:00", "00:15 local, before the hour: today's 01:00 local" },
        { "2025-03-09T23:00:00", "2025-03-09T23:00:00", "exactly at the hour: now" },
        { "2025-03-09T23:00:01", "2025-03-10T23:00:00", "just after the hour: tomorrow" },
        { "2025-03-10T21:30:00", "2025-03-10T23:00:00", "23:30 local: tomorrow's 01:00 local, the same UTC day" },
        { "2025-12-31T00:00:00", "2025-12-31T23:00:00", "across the year end: 1 January 01:00 local" },
    };

    [Theory]
    [MemberData(nameof(NextRuns))]
    public void The_next_daily_run_is_the_configured_local_hour_today_unless_it_has_passed(string now, string expected, string because)
    {
        var next = LaybyDailyJob.NextRunUtc(Utc(now), 1, TestTime.Johannesburg());

        Assert.True(Utc(expected) == next, because);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void An_hour_outside_the_day_is_refused(int hour) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LaybyDailyJob.NextRunUtc(Utc("2025-03-10T00:00:00"), hour, TestTime.Johannesburg()));

    [Fact]
    public async Task The_daily_job_runs_at_its_hour_as_the_system_user_and_adds_the_late_fee()
    {
        Layby layby;
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            layby = await Laybys().OpenAsync(await NewLaybyInputAsync(days: 60));
        }

        // The clock stands 50 ms before 01:00 in Johannesburg (UTC+2) on the eighth day after the first instalment fell
        // due (grace 7 days): still the evening before in UTC, but the run is for that local day.
        var firstDue = layby.Instalments.Min(i => i.DueDate).AddDays(8);
        var clock = new FixedClock(new DateTimeOffset(firstDue.ToDateTime(new TimeOnly(0, 59, 59, 950)), TimeSpan.FromHours(2)));
        var log = new RecordingLogger();
        using var job = NewJob(clock, log, enabled: true);

        await job.StartAsync(CancellationToken.None);
        var ran = await log.Ran.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await job.StopAsync(CancellationToken.None);

        Assert.StartsWith($"Layby daily job for {firstDue}", ran);
        Assert.DoesNotContain(log.Messages, m => m.Contains("failed"));
        Assert.Null(AmbientUser.Principal);
        using var clerk = Actors.As("policy-clerk", Roles.Clerk);
        var fee = Assert.Single((await Laybys().GetAsync(layby.Id)).Entries, e => e.Kind == LaybyEntryKind.LateFee);
        Assert.Equal(AmbientUser.SystemName, fee.PostedBy);
        Assert.Equal(1, log.Messages.Count(m => m.StartsWith("Layby daily job for", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_daily_job_does_nothing_when_jobs_are_disabled()
    {
        var log = new RecordingLogger();
        using var job = NewJob(new FixedClock(new DateTimeOffset(2025, 3, 10, 0, 59, 59, 990, TimeSpan.Zero)), log, enabled: false);

        await job.StartAsync(CancellationToken.None);
        await job.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        await job.StopAsync(CancellationToken.None);

        Assert.Contains(log.Messages, m => m.Contains("disabled"));
        Assert.False(log.Ran.Task.IsCompleted);
    }

    [Fact]
    public async Task A_run_needs_no_signed_in_user_because_it_acts_as_system()
    {
        // Weekly, so its first instalment falls due on another day than the monthly laybys of the other job test.
        Layby layby;
        decimal lateFee;
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            layby = await Laybys().OpenAsync((await NewLaybyInputAsync(days: 60)) with { Frequency = LaybyFrequency.Weekly });
        }

        using (Actors.As("policy-admin", Roles.Admin))
        {
            lateFee = (await Policies().HistoryAsync(Clothing)).Single(p => p.Id == layby.PolicyId).LateFeePerInstalment;
        }

        Assert.True(lateFee > 0, "the Clothing policy charges a late fee");
        // Noon on the ninth day after the first instalment fell due: past the 7-day grace period, far from midnight.
        var overdueDay = layby.Instalments.Min(i => i.DueDate).AddDays(9);
        var job = NewJob(new FixedClock(new DateTimeOffset(overdueDay.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)), new RecordingLogger(), enabled: true);

        var result = await job.RunOnceAsync(CancellationToken.None);

        Assert.Null(AmbientUser.Principal);
        Assert.NotNull(result);
        Assert.True(result.LaybysChecked >= 1, $"{result.LaybysChecked} laybys checked");
        Assert.True(result.LateFeesAdded >= 1, $"{result.LateFeesAdded} late fees added");
        using var clerk = Actors.As("policy-clerk", Roles.Clerk);
        var fee = Assert.Single((await Laybys().GetAsync(layby.Id)).Entries, e => e.Kind == LaybyEntryKind.LateFee);
        Assert.Equal(AmbientUser.SystemName, fee.PostedBy);
        Assert.Equal(lateFee, fee.Amount);
    }

    [Fact]
    public async Task Saving_a_policy_adds_the_next_version_and_an_open_layby_keeps_its_own()
    {
        Layby layby;
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            layby = await Laybys().OpenAsync(await NewLaybyInputAsync());
        }

        using var admin = Actors.As("policy-admin", Roles.Admin);
        var before = (await Policies().ListAsync()).Single(d => d.DivisionId == Clothing).Current!;
        Assert.Equal(before.Id, layby.PolicyId);

        var saved = await Policies().SaveAsync(Clothing, before.Terms with { MinimumDepositPercent = 25m, ServiceFee = 10m });

        Assert.Equal(before.VersionNumber + 1, saved.VersionNumber);
        Assert.Equal("policy-admin", saved.CreatedBy);
        var current = (await Policies().ListAsync()).Single(d => d.DivisionId == Clothing).Current!;
        Assert.Equal(saved.Id, current.Id);
        Assert.Equal(25m, current.MinimumDepositPercent);
        var history = await Policies().HistoryAsync(Clothing);
        Assert.Equal([saved.VersionNumber, before.VersionNumber], history.Take(2).Select(p => p.VersionNumber));
        Assert.Equal(before.Terms, history.Single(p => p.Id == before.Id).Terms);
        Assert.Equal(before.Id, (await Laybys().GetAsync(layby.Id)).PolicyId);
    }

    [Fact]
    public async Task A_penalty_above_the_statutory_cap_is_refused_and_nothing_is_saved()
    {
        using var admin = Actors.As("policy-admin", Roles.Admin);
        var versions = (await Policies().HistoryAsync(Clothing)).Count;

        var refused = await Assert.ThrowsAsync<DomainException>(() => Policies().SaveAsync(Clothing,
            new LaybyPolicyTerms(CancellationPenaltyPercent: LaybyPolicy.StatutoryPenaltyCapPercent + 0.5m)));

        Assert.Equal(nameof(LaybyPolicyTerms.CancellationPenaltyPercent), refused.Field);
        Assert.Contains("statutory cap", refused.Message);
        Assert.Equal(versions, (await Policies().HistoryAsync(Clothing)).Count);
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.CreditManager)]
    [InlineData(Roles.Accountant)]
    public async Task Only_an_admin_saves_policies_sees_their_history_or_runs_the_jobs(string role)
    {
        using var actor = Actors.As("policy-" + role.ToLowerInvariant(), role);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Policies().SaveAsync(Clothing, new LaybyPolicyTerms()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Policies().HistoryAsync(Clothing));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyJobs>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow)));
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("credit")]
    [InlineData("accountant")]
    public async Task Other_roles_are_refused_the_layby_policies_page(string userName)
    {
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync(userName, DemoDataSeeder.DemoPassword);

        var response = await client.Http.GetAsync("/admin/layby-policies");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_admin_opens_the_layby_policies_page_with_every_division()
    {
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("admin", DemoDataSeeder.DemoPassword);

        var response = await client.Http.GetAsync("/admin/layby-policies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"run-layby-jobs\"", html);
        Assert.Contains("id=\"edit-policy-clo\"", html);
        Assert.Contains("id=\"policy-history-clo\"", html);
    }

    private LaybyDailyJob NewJob(TimeProvider clock, RecordingLogger log, bool enabled) => new(
        factory.Services.GetRequiredService<IServiceScopeFactory>(),
        TestTime.Johannesburg(clock),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LaybyDailyJob.EnabledKey] = enabled ? "true" : "false",
            [LaybyDailyJob.HourKey] = "1",
        }).Build(),
        log);

    private LaybyPolicyService Policies() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyPolicyService>();

    private LaybyService Laybys() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();

    private async Task<OpenLaybyInput> NewLaybyInputAsync(int days = 90)
    {
        using var scope = factory.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
        return new OpenLaybyInput(customer.Id, Clothing, [new LaybyItemInput("Raincoat", null, 1, 1000m)], 250m,
            PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days), Guid.NewGuid());
    }

    private static DateTime Utc(string isoWithoutZone) =>
        DateTime.SpecifyKind(DateTime.Parse(isoWithoutZone, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>A clock standing still at one moment; delays still take real time (the base class's timers).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class RecordingLogger : ILogger<LaybyDailyJob>
    {
        private readonly List<string> messages = [];

        public TaskCompletionSource<string> Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception) + (exception is null ? "" : " " + exception.Message);
            lock (messages)
            {
                messages.Add(message);
            }

            if (message.StartsWith("Layby daily job for", StringComparison.Ordinal) && !message.Contains("failed"))
            {
                Ran.TrySetResult(message);
            }
        }
    }
}

/// <summary>The policy dialog rendered alone: its fields, what it explains, and a refused save shown beside the field.</summary>
public class LaybyPolicyDialogTests : MudTestContext
{
    private readonly CountingDbFactory db = new();
    private readonly FakeUser user = new();

    public LaybyPolicyDialogTests()
    {
        Services.AddLogging();
        Services.AddScoped<UiFeedback>();
        Services.AddSingleton<ICustomerDbFactory>(db);
        Services.AddSingleton<ICurrentUser>(user);
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LaybyPolicyService>();
    }

    /// <summary>Opens the dialog as the admin page does, inside MudBlazor's dialog provider.</summary>
    private async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync()
    {
        var (_, dialogs, _) = RenderProviders();
        var parameters = new DialogParameters<LaybyPolicyDialog> { { d => d.Division, Clothing() } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<LaybyPolicyDialog>("Clothing: layby policy", parameters));
        dialogs.WaitForElement("#layby-policy-form");
        return dialogs;
    }

    [Fact]
    public async Task The_dialog_shows_the_current_terms_the_versioning_rule_and_the_statutory_cap()
    {
        var dialog = await OpenDialogAsync();

        Assert.Equal("20", dialog.Find("input[name=MinimumDepositPercent]").GetAttribute("value"));
        Assert.Equal("50.00", dialog.Find("input[name=LateFeePerInstalment]").GetAttribute("value"));
        Assert.Contains("Laybys already open keep the version they were opened under", Text(dialog.Find("#layby-policy-versioning").TextContent));
        Assert.Contains("version 4", Text(dialog.Find("#layby-policy-versioning").TextContent));
        Assert.Contains("statutory cap of 1 %", Text(dialog.Find("#layby-policy-cap").TextContent));
        Assert.Contains("Save as version 4", dialog.Find("#layby-policy-save").TextContent);
        Assert.Empty(dialog.FindAll(".cm-field-error, .mud-input-error"));
    }

    [Fact]
    public async Task A_penalty_above_the_cap_is_shown_beside_its_field_and_nothing_is_saved()
    {
        var dialog = await OpenDialogAsync();

        dialog.Find("input[name=CancellationPenaltyPercent]").Change("2");
        dialog.Find("#layby-policy-form").Submit();

        // MudBlazor shows the refusal as the field's own helper text, inside the field's input control.
        var field = dialog.WaitForElement(".mud-input-control:has(input[name=CancellationPenaltyPercent])");
        var error = Assert.Single(dialog.FindAll(".mud-input-helper-text.mud-input-error"));
        Assert.Contains("statutory cap", error.TextContent);
        Assert.Contains("statutory cap", field.QuerySelector(".mud-input-helper-text")!.TextContent);
        Assert.Empty(dialog.FindAll(".cm-field-error"));
        Assert.Equal(0, db.Opened);
    }

    [Fact]
    public async Task A_fee_that_is_not_an_amount_is_refused_beside_its_field_and_nothing_is_saved()
    {
        var dialog = await OpenDialogAsync();

        dialog.Find("input[name=LateFeePerInstalment]").Input("1e3");
        dialog.Find("#layby-policy-form").Submit();

        var field = dialog.WaitForElement(".mud-input-control:has(input[name=LateFeePerInstalment]) .mud-input-error");
        Assert.False(string.IsNullOrWhiteSpace(field.TextContent));
        Assert.Equal(0, db.Opened);
    }

    [Fact]
    public void The_history_grid_lists_each_version_with_its_terms_and_who_saved_it()
    {
        var v1 = new LaybyPolicy(3, 1, new LaybyPolicyTerms(AllowWeekly: false), new DateTime(2025, 1, 2, 8, 30, 0, DateTimeKind.Utc), "system");
        var v2 = new LaybyPolicy(3, 2, new LaybyPolicyTerms(ServiceFee: 12.5m), new DateTime(2025, 3, 4, 9, 15, 0, DateTimeKind.Utc), "admin");
        var division = Clothing();

        var grid = Render<LaybyPolicyGrid>(p => p
            .Add(g => g.Rows, [division with { Current = v2 }, division with { Current = v1 }])
            .Add(g => g.ShowDivision, false)
            .Add(g => g.ShowSaved, true));

        var headers = grid.FindAll("thead th").Select(th => Text(th.TextContent)).Where(t => t.Length > 0).ToArray();
        Assert.Equal(["Version", "Min deposit", "Max term", "Frequencies", "Service fee", "Admin fee", "Late fee", "Grace", "Penalty",
            "Default after", "Saved", "By"], headers);
        // Saved at 09:15 UTC: shown in the business's time (Johannesburg, UTC+2).
        var rows = grid.FindAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => Text(td.TextContent)).ToArray()).ToArray();
        Assert.Equal(["2", "20 %", "90 d", "Weekly, Fortnightly, Monthly", "12.50", "0.00", "0.00", "7 d", "1 %", "60 d", "2025-03-04 11:15", "admin"],
            rows[0]);
        Assert.Equal("Fortnightly, Monthly", rows[1][3]);
        Assert.Equal("system", rows[1][^1]);
    }

    private static string Text(string markupText) => string.Join(' ', markupText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static DivisionPolicy Clothing() => new(3, "Clothing", "CLO",
        new LaybyPolicy(3, 3, new LaybyPolicyTerms(AdminFee: 25m, LateFeePerInstalment: 50m), DateTime.UtcNow, "admin"));

    private sealed class CountingDbFactory : ICustomerDbFactory
    {
        public int Opened { get; private set; }

        public Task<ICustomerDb> OpenAsync(CancellationToken cancellationToken = default)
        {
            Opened++;
            throw new InvalidOperationException("The dialog test has no database.");
        }
    }

    private sealed class FakeUser : ICurrentUser
    {
        public bool IsAuthenticated => true;

        public string? UserId => "id-admin";

        public string UserName => "admin";

        public bool IsInRole(string role) => role == Roles.Admin;

        public IReadOnlySet<int>? DivisionIds => null;
    }
}
