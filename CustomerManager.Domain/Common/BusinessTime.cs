namespace CustomerManager.Domain.Common;

/// <summary>
/// The business's clock: stored times stay UTC; the days people live by (today, due dates, overdue, statement months,
/// collections by day, receipts' dates) are days in the business's time zone (setting <c>Business:TimeZone</c>,
/// default Africa/Johannesburg). A payment taken at 00:30 in Johannesburg is on that day, not the UTC day before.
/// </summary>
public sealed class BusinessTime(TimeProvider clock, TimeZoneInfo zone)
{
    public const string DefaultZoneId = "Africa/Johannesburg";

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The clock underneath, for timers (<see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>).</summary>
    public TimeProvider Provider => clock;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in the business's time zone.</summary>
    public DateOnly Today => LocalDate(UtcNow);

    /// <summary>The local wall-clock time of a stored UTC time.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"2026-11-30 00:30": a stored UTC time as printed on receipts and statements, in local time.</summary>
    public string Timestamp(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The local day a stored UTC time falls on.</summary>
    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The UTC time of a local date and time typed by a person (e.g. when a call took place).</summary>
    public DateTime ToUtc(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC moment a local day starts (for comparing with stored UTC times).</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC moment of <paramref name="hour"/>:00 local time on <paramref name="day"/>.</summary>
    public DateTime AtLocalHourUtc(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified), Zone);

    /// <summary>The zone named by an IANA id (or the default when blank); a clear error names a bad setting.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultZoneId : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException(
                $"Business:TimeZone is \"{name}\", which this machine does not know. Use an IANA time zone id such as {DefaultZoneId}.");
        }
    }
}

/// <summary>
/// The system clock whose local time zone is the business's: <see cref="TimeProvider.GetLocalNow"/> (used by jobs that
/// run at a local hour, such as the daily backup) then means the business's wall clock, not the server's.
/// </summary>
public sealed class BusinessZoneClock(TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;
}
