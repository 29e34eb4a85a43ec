using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Jobs;

/// <summary>
/// Runs <see cref="LaybyJobs"/> (late fees, defaults; DOMAIN.md §5) and last month's account interest
/// (<see cref="AccountLedgerService.ChargeInterestAsync"/>) once a day at <c>Jobs:LaybyDailyHourUtc</c>
/// (default 1) as the system user, in its own DI scope. Off when <c>Jobs:Enabled</c> is false. The run is idempotent,
/// so a restart that runs it twice on a day adds nothing.
/// </summary>
public sealed class LaybyDailyJob(
    IServiceScopeFactory scopeFactory,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<LaybyDailyJob> logger) : BackgroundService
{
    public const string EnabledKey = "Jobs:Enabled";
    public const string HourKey = "Jobs:LaybyDailyHourUtc";
    public const int DefaultHourUtc = 1;

    /// <summary>The first run at <paramref name="hourUtc"/>:00 UTC at or after <paramref name="nowUtc"/>: today's, else tomorrow's.</summary>
    public static DateTime NextRunUtc(DateTime nowUtc, int hourUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hourUtc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hourUtc, 23);
        var today = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc).AddHours(hourUtc);
        return today >= nowUtc ? today : today.AddDays(1);
    }

    /// <summary>One run for the clock's current UTC day, as the system user. Logs and returns null when it fails.</summary>
    public async Task<LaybyJobResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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

        var hour = configuration.GetValue(HourKey, DefaultHourUtc);
        if (hour is < 0 or > 23)
        {
            logger.LogError("Layby daily job not started: {Key} must be an hour from 0 to 23, not {Hour}", HourKey, hour);
            return;
        }

        var notBefore = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Never the same slot twice, even when the clock has not moved on since the last run.
            var next = NextRunUtc(now > notBefore ? now : notBefore, hour);
            logger.LogInformation("Layby daily job next runs at {NextRunUtc:u}", next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
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
