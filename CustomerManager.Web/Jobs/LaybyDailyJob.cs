using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Jobs;

/// <summary>
/// Runs <see cref="LaybyJobs"/> (late fees, defaults; DOMAIN.md §5) and last month's account interest
/// (<see cref="AccountLedgerService.ChargeInterestAsync"/>) once a day at <c>Jobs:LaybyDailyHour</c> in the business's
/// time zone (default 01:00, so the day's late fees are for the local day that just began) as the system user, in its own DI scope. Off when <c>Jobs:Enabled</c> is false. The run is idempotent,
/// so a restart that runs it twice on a day adds nothing.
/// </summary>
public sealed class LaybyDailyJob(
    IServiceScopeFactory scopeFactory,
    BusinessTime clock,
    IConfiguration configuration,
    ILogger<LaybyDailyJob> logger) : BackgroundService
{
    public const string EnabledKey = "Jobs:Enabled";
    public const string HourKey = "Jobs:LaybyDailyHour";
    public const int DefaultHour = 1;

    /// <summary>
    /// The first run at <paramref name="hour"/>:00 local time (in <paramref name="time"/>'s zone) at or after
    /// <paramref name="nowUtc"/>: today's, else tomorrow's; as a UTC moment.
    /// </summary>
    public static DateTime NextRunUtc(DateTime nowUtc, int hour, BusinessTime time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var localToday = time.LocalDate(nowUtc);
        var today = time.AtLocalHourUtc(localToday, hour);
        return today >= nowUtc ? today : time.AtLocalHourUtc(localToday.AddDays(1), hour);
    }

    /// <summary>One run for the business's current local day, as the system user. Logs and returns null when it fails.</summary>
    public async Task<LaybyJobResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
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
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            logger.LogInformation("Layby daily job disabled ({Key} is false)", EnabledKey);
            return;
        }

        var hour = configuration.GetValue(HourKey, DefaultHour);
        if (hour is < 0 or > 23)
        {
            logger.LogError("Layby daily job not started: {Key} must be an hour from 0 to 23, not {Hour}", HourKey, hour);
            return;
        }

        var notBefore = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.UtcNow;
            // Never the same slot twice, even when the clock has not moved on since the last run.
            var next = NextRunUtc(now > notBefore ? now : notBefore, hour, clock);
            logger.LogInformation("Layby daily job next runs at {NextRunUtc:u}", next);
            try
            {
                await Task.Delay(next - now, clock.Provider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(stoppingToken);
            notBefore = next.AddTicks(1);
        }
    }
}
