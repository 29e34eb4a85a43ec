using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Subscriptions;

public enum UsageSource
{
    Manual,
    Import,
}

/// <summary>A month's usage as typed or imported: the month is any day in it.</summary>
public sealed record UsageInput(
    DateOnly Month, decimal DataUsedGb, decimal AverageSpeedMbps, decimal UptimePercent, string? MostUsedOtt = null, string? PeakHours = null);

/// <summary>
/// A subscription's usage in one month (seed isp-customers: data consumed, average speed, uptime, most-used OTT app,
/// peak hours): one row per subscription and month, entered by hand or imported from a usage file.
/// </summary>
public class UsageRecord
{
    public const int TextMaxLength = 50;
    public const decimal MaxDataGb = 1_000_000m;
    public const decimal MaxSpeedMbps = 100_000m;

    public long Id { get; private set; }

    public int SubscriptionId { get; private set; }

    /// <summary>The first day of the month it covers.</summary>
    public DateOnly Month { get; private set; }

    public decimal DataUsedGb { get; private set; }

    public decimal AverageSpeedMbps { get; private set; }

    public decimal UptimePercent { get; private set; }

    public string? MostUsedOtt { get; private set; }

    /// <summary>"21:00-00:00".</summary>
    public string? PeakHours { get; private set; }

    public UsageSource Source { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private UsageRecord()
    {
    }

    public UsageRecord(int subscriptionId, UsageInput input, UsageSource source, DateOnly today, DateTime nowUtc, string userName)
    {
        var month = Validate(input, today);
        SubscriptionId = subscriptionId;
        Month = month;
        DataUsedGb = input.DataUsedGb;
        AverageSpeedMbps = input.AverageSpeedMbps;
        UptimePercent = input.UptimePercent;
        MostUsedOtt = TextRules.Optional(input.MostUsedOtt, TextMaxLength, "most-used OTT app", nameof(MostUsedOtt));
        PeakHours = TextRules.Optional(input.PeakHours, TextMaxLength, "peak hours", nameof(PeakHours));
        Source = source;
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
    }

    /// <summary>Checks the figures (the first problem, with its field) and returns the month's first day.</summary>
    public static DateOnly Validate(UsageInput input, DateOnly today)
    {
        var month = new DateOnly(input.Month.Year, input.Month.Month, 1);
        if (month > new DateOnly(today.Year, today.Month, 1))
        {
            throw new DomainException($"{month:yyyy-MM} has not begun: usage is recorded for this month or earlier ones.", nameof(Month));
        }

        if (month < new DateOnly(today.Year, today.Month, 1).AddYears(-5))
        {
            throw new DomainException($"{month:yyyy-MM} is more than five years ago.", nameof(Month));
        }

        Check(input.DataUsedGb, MaxDataGb, "Data used (GB)", nameof(DataUsedGb));
        Check(input.AverageSpeedMbps, MaxSpeedMbps, "Average speed (Mbps)", nameof(AverageSpeedMbps));
        Check(input.UptimePercent, 100m, "Uptime (%)", nameof(UptimePercent));
        _ = TextRules.Optional(input.MostUsedOtt, TextMaxLength, "most-used OTT app", nameof(MostUsedOtt));
        _ = TextRules.Optional(input.PeakHours, TextMaxLength, "peak hours", nameof(PeakHours));
        return month;
    }

    private static void Check(decimal value, decimal max, string what, string field)
    {
        if (value < 0 || value > max)
        {
            throw new DomainException($"{what} must be between 0 and {max:N0}; {value} is not.", field);
        }

        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException($"{what} can have at most 2 decimals.", field);
        }
    }
}

/// <summary>
/// A customer's answer to the survey about a subscription: the NPS question (0-10) and/or satisfaction (1-5), with
/// an optional comment. Answers are kept as given (append-only); the newest counts for the churn rules.
/// </summary>
public class SurveyAnswer : IAppendOnly, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Comment)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The comment is the customer's own words: removed whole; the scores stay.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) => Comment = Comment is null ? null : Pseudonym.Removed;

    public const int CommentMaxLength = 500;

    public long Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public DateOnly AnsweredOn { get; private set; }

    public int? NpsScore { get; private set; }

    public int? Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private SurveyAnswer()
    {
    }

    public SurveyAnswer(int subscriptionId, DateOnly answeredOn, int? npsScore, int? satisfaction, string? comment, DateOnly today, DateTime nowUtc, string userName)
    {
        if (npsScore is null && satisfaction is null)
        {
            throw new DomainException("Enter the NPS answer (0-10), the satisfaction (1-5) or both.", nameof(NpsScore));
        }

        if (npsScore is < 0 or > 10)
        {
            throw new DomainException($"An NPS answer is from 0 to 10; {npsScore} is not.", nameof(NpsScore));
        }

        if (satisfaction is < 1 or > 5)
        {
            throw new DomainException($"Satisfaction is from 1 to 5; {satisfaction} is not.", nameof(Satisfaction));
        }

        if (answeredOn > today)
        {
            throw new DomainException("The answer's date is in the future.", nameof(AnsweredOn));
        }

        SubscriptionId = subscriptionId;
        AnsweredOn = answeredOn;
        NpsScore = npsScore;
        Satisfaction = satisfaction;
        Comment = TextRules.Optional(comment, CommentMaxLength, "comment", nameof(Comment));
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
    }
}

/// <summary>A support ticket about a subscription: subject, the day it was opened and, once closed, the day it was closed.</summary>
public class SupportTicket : IVersioned, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Subject)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    public void RemovePersonalData(IReadOnlyList<string> personalValues) => Subject = PersonalText.Without(Subject, personalValues) ?? Pseudonym.Removed;

    public const int SubjectMaxLength = 200;

    public int Id { get; private set; }

    public int SubscriptionId { get; private set; }

    public string Subject { get; private set; } = "";

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public bool IsOpen => ClosedOn is null;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public int Version { get; set; }

    private SupportTicket()
    {
    }

    public SupportTicket(int subscriptionId, string? subject, DateOnly openedOn, DateOnly today, DateTime nowUtc, string userName)
    {
        if (openedOn > today)
        {
            throw new DomainException("The ticket's date is in the future.", nameof(OpenedOn));
        }

        SubscriptionId = subscriptionId;
        Subject = TextRules.Required(subject, SubjectMaxLength, "subject", nameof(Subject));
        OpenedOn = openedOn;
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
    }

    public void Close(DateOnly today)
    {
        if (ClosedOn is { } closed)
        {
            throw new DomainException($"This ticket was already closed on {closed:yyyy-MM-dd}.");
        }

        ClosedOn = today < OpenedOn ? OpenedOn : today;
    }
}
