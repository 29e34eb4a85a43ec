using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Success;

/// <summary>What an admin types on the customer-success settings form.</summary>
public sealed record SuccessSettingsInput(
    int UsageWeight,
    int SupportWeight,
    int EngagementWeight,
    int BusinessWeight,
    int AlertBelowScore,
    int AlertDropPoints,
    int NoEngagementDays,
    int OnboardingDays,
    int ChurnedAfterMonths);

/// <summary>
/// The business's customer-success rules (DOMAIN.md §10, issue 20): the weight of each health component in per cent
/// (they add up to 100), when an alert fires (score below a threshold, a drop of some points within 30 days, no
/// engagement for some days) and the lifecycle's day counts. One row per business; the defaults are the seed's.
/// </summary>
public class SuccessSettings : IVersioned
{
    public int Id { get; private set; }

    public int BusinessId { get; private set; }

    public int UsageWeight { get; private set; } = 40;

    public int SupportWeight { get; private set; } = 25;

    public int EngagementWeight { get; private set; } = 20;

    public int BusinessWeight { get; private set; } = 15;

    /// <summary>An alert when the score falls below this (default 50: into the red band).</summary>
    public int AlertBelowScore { get; private set; } = 50;

    /// <summary>An alert when the score is this many points below its highest of the last 30 days.</summary>
    public int AlertDropPoints { get; private set; } = 15;

    /// <summary>An alert when nobody has been in contact with the customer for this many days.</summary>
    public int NoEngagementDays { get; private set; } = 60;

    /// <summary>A customer is onboarding for this many days after it was registered.</summary>
    public int OnboardingDays { get; private set; } = 90;

    /// <summary>A customer with no activity (purchase, payment, contact, usage) for this many months is churned.</summary>
    public int ChurnedAfterMonths { get; private set; } = 12;

    public DateTime? UpdatedAtUtc { get; private set; }

    public string? UpdatedBy { get; private set; }

    public int Version { get; set; }

    private SuccessSettings()
    {
    }

    /// <summary>The seed's defaults for a business.</summary>
    public static SuccessSettings Defaults(int businessId) => new() { BusinessId = businessId };

    public HealthWeights Weights => new(UsageWeight, SupportWeight, EngagementWeight, BusinessWeight);

    public SuccessSettingsInput ToInput() =>
        new(UsageWeight, SupportWeight, EngagementWeight, BusinessWeight, AlertBelowScore, AlertDropPoints, NoEngagementDays, OnboardingDays, ChurnedAfterMonths);

    /// <summary>Checks everything first, then changes it: a refused input changes nothing.</summary>
    public void Change(SuccessSettingsInput input, string userName, DateTime nowUtc)
    {
        Validate(input);
        (UsageWeight, SupportWeight, EngagementWeight, BusinessWeight) = (input.UsageWeight, input.SupportWeight, input.EngagementWeight, input.BusinessWeight);
        (AlertBelowScore, AlertDropPoints, NoEngagementDays) = (input.AlertBelowScore, input.AlertDropPoints, input.NoEngagementDays);
        (OnboardingDays, ChurnedAfterMonths) = (input.OnboardingDays, input.ChurnedAfterMonths);
        (UpdatedBy, UpdatedAtUtc) = (userName, nowUtc);
    }

    public static void Validate(SuccessSettingsInput input)
    {
        Weight(input.UsageWeight, "usage", nameof(UsageWeight));
        Weight(input.SupportWeight, "support", nameof(SupportWeight));
        Weight(input.EngagementWeight, "engagement", nameof(EngagementWeight));
        Weight(input.BusinessWeight, "business", nameof(BusinessWeight));
        var sum = input.UsageWeight + input.SupportWeight + input.EngagementWeight + input.BusinessWeight;
        if (sum != 100)
        {
            throw new DomainException($"The weights add up to {sum} %; they must add up to exactly 100 %.", "Weights");
        }

        Range(input.AlertBelowScore, 1, 100, "The alert threshold must be a score from 1 to 100.", nameof(AlertBelowScore));
        Range(input.AlertDropPoints, 1, 100, "The drop that raises an alert must be from 1 to 100 points.", nameof(AlertDropPoints));
        Range(input.NoEngagementDays, 1, 3650, "Days without engagement must be from 1 to 3650.", nameof(NoEngagementDays));
        Range(input.OnboardingDays, 0, 3650, "Onboarding days must be from 0 to 3650.", nameof(OnboardingDays));
        Range(input.ChurnedAfterMonths, 1, 120, "Months without activity before a customer counts as churned must be from 1 to 120.", nameof(ChurnedAfterMonths));
    }

    private static void Weight(int value, string what, string field) =>
        Range(value, 0, 100, $"The {what} weight must be from 0 to 100 %.", field);

    private static void Range(int value, int min, int max, string message, string field)
    {
        if (value < min || value > max)
        {
            throw new DomainException(message, field);
        }
    }
}
