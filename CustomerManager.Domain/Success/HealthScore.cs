using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Success;

/// <summary>
/// One customer's health on one local day, as the nightly step stored it (one row per customer and day; a second run on
/// the same day replaces it): the trend chart and the 30-day drop read these. A null score is "no data". Not moved by a
/// merge (the survivor is scored again the next night; the duplicate's history stays with it).
/// </summary>
public class HealthScore
{
    public long Id { get; private set; }

    public int CustomerId { get; private set; }

    public DateOnly Day { get; private set; }

    public int? Score { get; private set; }

    public int? UsageScore { get; private set; }

    public int? SupportScore { get; private set; }

    public int? EngagementScore { get; private set; }

    public int? BusinessScore { get; private set; }

    public int? ChurnRisk { get; private set; }

    private HealthScore()
    {
    }

    public HealthScore(int customerId, DateOnly day, HealthResult health, int? churnRisk)
    {
        (CustomerId, Day, Score, ChurnRisk) = (customerId, day, health.Score, churnRisk);
        UsageScore = health.Component(HealthComponentKind.Usage).Score;
        SupportScore = health.Component(HealthComponentKind.Support).Score;
        EngagementScore = health.Component(HealthComponentKind.Engagement).Score;
        BusinessScore = health.Component(HealthComponentKind.Business).Score;
    }

    public void Replace(HealthResult health, int? churnRisk)
    {
        (Score, ChurnRisk) = (health.Score, churnRisk);
        UsageScore = health.Component(HealthComponentKind.Usage).Score;
        SupportScore = health.Component(HealthComponentKind.Support).Score;
        EngagementScore = health.Component(HealthComponentKind.Engagement).Score;
        BusinessScore = health.Component(HealthComponentKind.Business).Score;
    }
}

/// <summary>
/// A customer's current customer-success standing (one row per customer): the latest score, band, churn risk and
/// lifecycle the nightly step computed, the changes over 7 and 30 days (for the dashboard's movers and trend), the
/// previous day's values (so alerts fire on a change, once), and a manual lifecycle override with its reason.
/// </summary>
public class CustomerHealth : IVersioned, IHoldsPersonalData
{
    public const int ReasonMaxLength = 500;
    public const int UserNameMaxLength = 256;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public DateOnly? ScoredOn { get; private set; }

    public int? Score { get; private set; }

    public HealthBand? Band { get; private set; }

    public int? ChurnRisk { get; private set; }

    public ChurnRiskBand? ChurnBand { get; private set; }

    /// <summary>The status the rules give.</summary>
    public Lifecycle ComputedLifecycle { get; private set; } = Lifecycle.Active;

    /// <summary>The status shown and filtered on: the override when there is one, else the computed status.</summary>
    public Lifecycle Lifecycle { get; private set; } = Lifecycle.Active;

    public Lifecycle? OverrideLifecycle { get; private set; }

    public string? OverrideReason { get; private set; }

    public string? OverrideBy { get; private set; }

    public DateTime? OverrideAtUtc { get; private set; }

    /// <summary>Score minus the score 7 days before (null when either is missing).</summary>
    public int? ChangeOver7Days { get; private set; }

    /// <summary>Score minus the score 30 days before.</summary>
    public int? ChangeOver30Days { get; private set; }

    /// <summary>The values of the scoring day before <see cref="ScoredOn"/>: what today's are compared with for alerts.</summary>
    public DateOnly? PreviousScoredOn { get; private set; }

    public int? PreviousScore { get; private set; }

    public ChurnRiskBand? PreviousChurnBand { get; private set; }

    public int Version { get; set; }

    private CustomerHealth()
    {
    }

    public CustomerHealth(int customerId) => CustomerId = customerId;

    /// <summary>
    /// Today's result. The first run of a day moves the values before it to "previous"; a second run on the same day
    /// keeps the previous day's, so alerts compare with the same day either way.
    /// </summary>
    public void Record(DateOnly day, int? score, ChurnRiskResult churn, Lifecycle computed, int? change7, int? change30)
    {
        if (ScoredOn != day)
        {
            (PreviousScoredOn, PreviousScore, PreviousChurnBand) = (ScoredOn, Score, ChurnBand);
        }

        (ScoredOn, Score, Band) = (day, score, score is { } s ? HealthRules.Band(s) : null);
        (ChurnRisk, ChurnBand) = (churn.Score, churn.Band);
        (ChangeOver7Days, ChangeOver30Days) = (change7, change30);
        ComputedLifecycle = computed;
        Lifecycle = OverrideLifecycle ?? computed;
    }

    /// <summary>Sets (or with null clears) the manual lifecycle status; a reason is required either way.</summary>
    public void Override(Lifecycle? status, string? reason, string userName, DateTime nowUtc)
    {
        var why = TextRules.Required(reason, ReasonMaxLength, "reason", nameof(OverrideReason));
        if (status is null && OverrideLifecycle is null)
        {
            throw new DomainException("There is no manual status to clear.", nameof(OverrideLifecycle));
        }

        (OverrideLifecycle, OverrideReason, OverrideBy, OverrideAtUtc) = (status, status is null ? null : why, userName, nowUtc);
        Lifecycle = OverrideLifecycle ?? ComputedLifecycle;
    }

    private static readonly string[] PersonalFields = [nameof(OverrideReason)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    public void RemovePersonalData(IReadOnlyList<string> personalValues) => OverrideReason = PersonalText.Without(OverrideReason, personalValues);
}
