using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Jobs;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Jobs;

/// <summary>
/// Runs <see cref="LaybyJobs"/> (late fees, defaults; DOMAIN.md §5) and last month's account interest
/// (<see cref="AccountLedgerService.ChargeInterestAsync"/>) once a day at <c>Jobs:LaybyDailyHour</c> in the business's
/// time zone (default 01:00, so the day's late fees are for the local day that just began) as the system user, in its own DI scope. Off when <c>Jobs:Enabled</c> is false. The run is idempotent,
/// so a restart that runs it twice on a day adds nothing.
/// With several web nodes, each scheduled run claims its day in the job-run table first (<see cref="JobRunService"/>):
/// one node runs, the others skip. A node that starts after slots nobody ran (all nodes were down) runs each missed day
/// once, oldest first, at most <c>Jobs:CatchUpDays</c> (7) back: some steps act only on their day (the monthly
/// statements on their day of the month), so running just today would skip them; every step is idempotent, so a
/// missed day run late adds only what was missed.
/// </summary>
public sealed class LaybyDailyJob(
    IServiceScopeFactory scopeFactory,
    BusinessTime clock,
    IConfiguration configuration,
    ILogger<LaybyDailyJob> logger,
    NodeIdentity? nodeIdentity = null) : BackgroundService
{
    public const string EnabledKey = "Jobs:Enabled";
    public const string HourKey = "Jobs:LaybyDailyHour";

    /// <summary>A time of day ("HH:mm" or "HH:mm:ss") instead of the whole hour, e.g. to fire several nodes at one moment in a test.</summary>
    public const string TimeKey = "Jobs:LaybyDailyTime";
    public const string CatchUpDaysKey = "Jobs:CatchUpDays";
    public const int DefaultHour = 1;

    /// <summary>The job's name in the job-run table and on the jobs page.</summary>
    public const string Name = "daily";

    private string Node => (nodeIdentity ?? NodeIdentity.FromConfiguration(configuration)).Name;

    /// <summary>
    /// The first run at <paramref name="hour"/>:00 local time (in <paramref name="time"/>'s zone) at or after
    /// <paramref name="nowUtc"/>: today's, else tomorrow's; as a UTC moment.
    /// </summary>
    public static DateTime NextRunUtc(DateTime nowUtc, int hour, BusinessTime time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        return NextRunUtc(nowUtc, new TimeOnly(hour, 0), time);
    }

    /// <summary>The first run at <paramref name="at"/> local time at or after <paramref name="nowUtc"/>, as a UTC moment.</summary>
    public static DateTime NextRunUtc(DateTime nowUtc, TimeOnly at, BusinessTime time)
    {
        var localToday = time.LocalDate(nowUtc);
        var today = time.ToUtc(localToday, at);
        return today >= nowUtc ? today : time.ToUtc(localToday.AddDays(1), at);
    }

    /// <summary>The latest business day whose slot has come at <paramref name="nowUtc"/>: today after the time of day, else yesterday.</summary>
    public static DateOnly LatestDueDay(DateTime nowUtc, TimeOnly at, BusinessTime time)
    {
        var localToday = time.LocalDate(nowUtc);
        return time.ToUtc(localToday, at) <= nowUtc ? localToday : localToday.AddDays(-1);
    }

    /// <summary>The configured time of day (<see cref="TimeKey"/>, else <see cref="HourKey"/>:00); null when it is not a valid time.</summary>
    public TimeOnly? TimeOfDay()
    {
        if (configuration[TimeKey] is { Length: > 0 } text)
        {
            return TimeOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;
        }

        var hour = configuration.GetValue(HourKey, DefaultHour);
        return hour is < 0 or > 23 ? null : new TimeOnly(hour, 0);
    }

    public bool Enabled => configuration.GetValue(EnabledKey, true);

    /// <summary>When this node next runs the job (UTC), or null when jobs are off or the time is not valid.</summary>
    public DateTime? NextRunUtc() => Enabled && TimeOfDay() is { } at ? NextRunUtc(clock.UtcNow, at, clock) : null;

    /// <summary>An admin's "Run now": today's run through the job-run table (refused while a node is running it).</summary>
    public Task<JobRunOutcome> RunNowAsync(JobRunService runs, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        return runs.RunAsync(Name, today, JobTrigger.Manual, Node, async c => Summary(await RunDayAsync(today, c)), cancellationToken);
    }

    /// <summary>One claimed run for <paramref name="day"/> as the system user; logs (never throws) when it could not be recorded.</summary>
    public async Task<JobRunOutcome?> RunClaimedAsync(DateOnly day, JobTrigger trigger, CancellationToken cancellationToken)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<JobRunService>()
                .RunAsync(Name, day, trigger, Node, async c => Summary(await RunDayAsync(day, c)), cancellationToken);
            if (!outcome.Ran)
            {
                logger.LogInformation("Layby daily job: {Day} not run here, {Status} on {Node}", day, outcome.Status, outcome.Node);
            }

            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Layby daily job: {Day} could not be claimed", day);
            return null;
        }
    }

    private static string Summary(LaybyJobResult result) =>
        $"{result.LaybysChecked} laybys checked, {result.LateFeesAdded} late fees added, {result.Defaulted} defaulted.";

    /// <summary>One run for the business's current local day, as the system user, not claimed in the job-run table. Logs and returns null when it fails.</summary>
    public async Task<LaybyJobResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunDayAsync(clock.Today, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>One run for <paramref name="today"/> as the system user. Logs and rethrows when it fails.</summary>
    public async Task<LaybyJobResult> RunDayAsync(DateOnly today, CancellationToken cancellationToken)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<LaybyJobs>().RunAsync(today, cancellationToken);
            logger.LogInformation(
                "Layby daily job for {Day}: {LaybysChecked} laybys checked, {LateFeesAdded} late fees added, {Defaulted} defaulted",
                today, result.LaybysChecked, result.LateFeesAdded, result.Defaulted);
            // Last month's interest: posts on the first run of a month, and finds it already charged on every later day.
            var interest = await scope.ServiceProvider.GetRequiredService<AccountLedgerService>().ChargeLastMonthsInterestAsync(cancellationToken);
            logger.LogInformation(
                "Interest for {Month:yyyy-MM}: {Checked} accounts with a rate, {Charged} charged ({Total}), {Already} already charged",
                interest.PeriodStart, interest.AccountsChecked, interest.Charged, interest.TotalInterest, interest.AlreadyCharged);
            // Reminders before and after due dates, by each division's policy: once per instalment or charge and threshold.
            var reminders = await scope.ServiceProvider.GetRequiredService<Domain.Messaging.AutomaticReminders>().RunAsync(today, cancellationToken);
            logger.LogInformation(
                "Reminders for {Day}: {Before} before due, {After} after a missed date, {Tasks} collections tasks, {NotSent} not sent (no address or template)",
                today, reminders.BeforeDue, reminders.AfterDue, reminders.TasksCreated, reminders.NotSent);
            // Loyalty: points past their expiry day expire (once), tiers follow the last 12 months' spend.
            var loyalty = await scope.ServiceProvider.GetRequiredService<Domain.Loyalty.LoyaltyService>().RunNightlyAsync(today, cancellationToken);
            logger.LogInformation("Loyalty for {Day}: {Result}", today, loyalty);
            // Membership: where a division turned automatic membership on, accounts that reached its threshold join.
            var members = await scope.ServiceProvider.GetRequiredService<Domain.Membership.MembershipService>().RunAutoActivationAsync(cancellationToken);
            logger.LogInformation("Automatic membership for {Day}: {Count} new members", today, members);
            // Subscriptions due today charged once per period, invoices queued, long-unpaid ones suspended.
            var billing = await scope.ServiceProvider.GetRequiredService<Domain.Subscriptions.SubscriptionBillingService>().RunAsync(today, cancellationToken);
            logger.LogInformation(
                "Subscription billing for {Day}: {Due} due, {Charged} charged ({Total}), {Already} already charged, {Queued} invoices queued, {Suspended} suspended",
                today, billing.Due, billing.Charged, billing.TotalCharged, billing.AlreadyCharged, billing.InvoicesQueued, billing.Suspended);
            // Churn risk of every subscription from today's facts (usage, answers, tickets, overdue, renewal).
            var assessed = await scope.ServiceProvider.GetRequiredService<Domain.Subscriptions.ChurnService>().RecomputeAllAsync(cancellationToken);
            logger.LogInformation("Churn risk recomputed for {Count} subscriptions", assessed);
            // Customer success: every customer's health scored for today (once per day), alerts raised once as tasks.
            var health = await scope.ServiceProvider.GetRequiredService<Domain.Success.HealthScoringService>().RunNightlyAsync(today, cancellationToken);
            logger.LogInformation("Health scores for {Day}: {Result}", today, health);
            // On the configured day of the month: last month's statements generated and sent.
            foreach (var run in await scope.ServiceProvider.GetRequiredService<Domain.Messaging.MonthlyStatementRun>().RunIfDueAsync(today, cancellationToken))
            {
                logger.LogInformation("Monthly statements for {Division}: {Generated} generated, {Queued} queued to send, {NoAddress} with no address",
                    run.Division, run.Generated.Generated, run.Sent.Queued, run.Sent.NoAddress);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Tomorrow's run (or an Admin's "run now") catches up: the job is idempotent.
            logger.LogError(e, "Layby daily job for {Day} failed", today);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("Layby daily job disabled ({Key} is false)", EnabledKey);
            return;
        }

        if (TimeOfDay() is not { } at)
        {
            logger.LogError("Layby daily job not started: {Key} must be an hour from 0 to 23 (or {TimeKey} a time of day)", HourKey, TimeKey);
            return;
        }

        try
        {
            await CatchUpAsync(LatestDueDay(clock.UtcNow, at, clock), stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var notBefore = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.UtcNow;
            // Never the same slot twice, even when the clock has not moved on since the last run.
            var next = NextRunUtc(now > notBefore ? now : notBefore, at, clock);
            logger.LogInformation("Layby daily job next runs at {NextRunUtc:u}", next);
            try
            {
                await Task.Delay(next - now, clock.Provider, stoppingToken);
                var day = clock.LocalDate(next);
                await CatchUpAsync(day.AddDays(-1), stoppingToken);
                await RunClaimedAsync(day, JobTrigger.Schedule, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            notBefore = next.AddTicks(1);
        }
    }

    /// <summary>Runs the days up to <paramref name="through"/> that no node ran (see the class summary), oldest first.</summary>
    private async Task CatchUpAsync(DateOnly through, CancellationToken cancellationToken)
    {
        IReadOnlyList<DateOnly> days;
        using (AmbientUser.Use(AmbientUser.System))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                days = await scope.ServiceProvider.GetRequiredService<JobRunService>()
                    .DaysToCatchUpAsync(Name, through, configuration.GetValue(CatchUpDaysKey, 7), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Layby daily job could not look for missed days");
                return;
            }
        }

        foreach (var day in days)
        {
            logger.LogInformation("Layby daily job catching up {Day}", day);
            await RunClaimedAsync(day, JobTrigger.CatchUp, cancellationToken);
        }
    }
}
