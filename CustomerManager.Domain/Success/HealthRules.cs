using System.Globalization;
using CustomerManager.Domain.Subscriptions;

namespace CustomerManager.Domain.Success;

public enum HealthComponentKind
{
    Usage,
    Support,
    Engagement,
    Business,
}

/// <summary>Red 0-50, yellow 51-75, green 76-100 (DOMAIN.md §10).</summary>
public enum HealthBand
{
    Red,
    Yellow,
    Green,
}

/// <summary>Churn risk 0-33 low, 34-66 medium, 67-100 high.</summary>
public enum ChurnRiskBand
{
    Low,
    Medium,
    High,
}

public enum Lifecycle
{
    Onboarding,
    Active,
    AtRisk,
    Churned,
}

/// <summary>The weight of each component in per cent (they add up to 100).</summary>
public sealed record HealthWeights(int Usage, int Support, int Engagement, int Business)
{
    public static HealthWeights Default { get; } = new(40, 25, 20, 15);

    public int For(HealthComponentKind kind) => kind switch
    {
        HealthComponentKind.Usage => Usage,
        HealthComponentKind.Support => Support,
        HealthComponentKind.Engagement => Engagement,
        _ => Business,
    };
}

/// <summary>
/// Usage: a subscription's data use by month (oldest first; the last is the latest month), and for retail customers
/// the number of purchases in the last 90 days and in the 270 days before.
/// </summary>
public sealed record UsageFacts(IReadOnlyList<decimal> DataUsedByMonth, int PurchasesLast90Days, int PurchasesPrevious270Days);

/// <summary>Support: whether the customer has a subscription (with a support desk), its tickets, and complaint notes.</summary>
public sealed record SupportFacts(bool HasSubscription, int TicketsLast90Days, int OpenTickets, int ComplaintsLast90Days);

/// <summary>Engagement: the last contact of any kind (engagement held or communication), and engagements held in the last 90 days.</summary>
public sealed record EngagementFacts(DateOnly? LastContact, int EngagementsLast90Days, int PositiveLast90Days, int NegativeLast90Days);

/// <summary>
/// Business: charges that fell due in the last 365 days and how many of them were paid in full by their due date,
/// the days the oldest unpaid charge is overdue, and the balance owed against the credit limits of all accounts.
/// </summary>
public sealed record BusinessFacts(int ChargesDue, int ChargesPaidOnTime, int OverdueDays, decimal Balance, decimal CreditLimit);

/// <summary>Everything the health score of one customer is computed from, as of <see cref="Today"/>.</summary>
public sealed record HealthFacts(DateOnly Today, UsageFacts Usage, SupportFacts Support, EngagementFacts Engagement, BusinessFacts Business);

/// <summary>
/// One component: its score 0-100 or null for no data (then it is left out and the other weights count in its place),
/// its configured weight, the weight it really had after leaving out the components with no data, and the facts in words.
/// </summary>
public sealed record ComponentScore(HealthComponentKind Kind, int? Score, int Weight, decimal EffectiveWeight, IReadOnlyList<string> Facts)
{
    public bool HasData => Score is not null;
}

/// <summary>The health score (null when no component has data), its band, and each component.</summary>
public sealed record HealthResult(int? Score, HealthBand? Band, IReadOnlyList<ComponentScore> Components)
{
    public ComponentScore Component(HealthComponentKind kind) => Components.Single(c => c.Kind == kind);
}

/// <summary>
/// The explainable health score (DOMAIN.md §10, issue 20). Each component scores 0-100 from facts the system holds, or
/// has no data; the score is the weighted mean of the components with data (their weights re-normalised to 100 %),
/// rounded half away from zero.
/// <list type="bullet">
/// <item>Usage: a subscription's latest month against the average of its earlier months (100 × latest ÷ average, at most
/// 100), with at least two months; otherwise purchases in the last 90 days against the 90-day average of the 270 days
/// before (100 × recent ÷ (earlier ÷ 3), at most 100; 100 when there were none before); no data without either.</item>
/// <item>Support: 100 − 15 per ticket opened in the last 90 days − 20 per ticket still open − 25 per complaint note in the
/// last 90 days, at least 0; no data for a customer without a subscription and without complaints or open tickets.</item>
/// <item>Engagement: 70 % recency of the last contact (100 within 30 days, 70 within 60, 40 within 90, 20 within 180, else
/// 0) + 30 % frequency (engagements in the last 90 days ÷ 3, as a share of one a month, at most 100), + 10 per positive
/// outcome in the last 90 days (at most +20), − 30 per negative one, between 0 and 100; no data without any contact.</item>
/// <item>Business: on-time share of charges due in the last 365 days (weight 50, when there were any), overdue days of the
/// oldest unpaid charge (weight 30: 100 at none, 70 up to 30 days, 40 up to 60, 10 up to 90, else 0) and credit
/// utilisation (weight 20, with a limit: 100 up to 50 %, 70 up to 80 %, 40 up to 100 %, else 0); no data without
/// charges, an overdue amount or a credit limit.</item>
/// </list>
/// </summary>
public static class HealthRules
{
    public const int RedUpTo = 50;
    public const int YellowUpTo = 75;

    public static HealthBand Band(int score) => score <= RedUpTo ? HealthBand.Red : score <= YellowUpTo ? HealthBand.Yellow : HealthBand.Green;

    public static HealthResult Score(HealthFacts facts, HealthWeights weights)
    {
        var raw = new (HealthComponentKind Kind, int? Score, List<string> Facts)[]
        {
            Usage(facts.Usage),
            Support(facts.Support),
            Engagement(facts.Engagement, facts.Today),
            Business(facts.Business),
        };
        var withData = raw.Where(r => r.Score is not null).Sum(r => weights.For(r.Kind));
        var components = raw.Select(r =>
        {
            var weight = weights.For(r.Kind);
            var effective = r.Score is null || withData == 0 ? 0m : Math.Round(100m * weight / withData, 1, MidpointRounding.AwayFromZero);
            var shown = r.Score is null ? [.. r.Facts, "No data: left out, the other weights count in its place"] : r.Facts;
            return new ComponentScore(r.Kind, r.Score, weight, effective, shown);
        }).ToList();
        if (withData == 0)
        {
            return new HealthResult(null, null, components);
        }

        var total = raw.Where(r => r.Score is not null).Sum(r => (decimal)r.Score!.Value * weights.For(r.Kind)) / withData;
        var score = Round(total);
        return new HealthResult(score, Band(score), components);
    }

    internal static (HealthComponentKind, int?, List<string>) Usage(UsageFacts f)
    {
        var facts = new List<string>();
        if (f.DataUsedByMonth.Count >= 2)
        {
            var latest = f.DataUsedByMonth[^1];
            var average = f.DataUsedByMonth.Take(f.DataUsedByMonth.Count - 1).Average();
            facts.Add($"Data used in the latest month: {Gb(latest)}; average of the {f.DataUsedByMonth.Count - 1} months before: {Gb(average)}");
            var score = average <= 0 ? (latest > 0 ? 100 : 0) : Math.Min(100, Round(100m * latest / average));
            return (HealthComponentKind.Usage, score, facts);
        }

        if (f.PurchasesLast90Days + f.PurchasesPrevious270Days == 0)
        {
            facts.Add(f.DataUsedByMonth.Count == 1 ? "Only one month of subscription usage, and no purchases in the last year" : "No subscription usage and no purchases in the last year");
            return (HealthComponentKind.Usage, null, facts);
        }

        facts.Add($"{Count(f.PurchasesLast90Days, "purchase")} in the last 90 days; {Count(f.PurchasesPrevious270Days, "purchase")} in the 270 days before");
        if (f.PurchasesPrevious270Days == 0)
        {
            return (HealthComponentKind.Usage, 100, facts);
        }

        var expected = f.PurchasesPrevious270Days / 3m;
        facts.Add($"Expected about {expected.ToString("0.#", CultureInfo.InvariantCulture)} in 90 days from the earlier pace");
        return (HealthComponentKind.Usage, Math.Min(100, Round(100m * f.PurchasesLast90Days / expected)), facts);
    }

    internal static (HealthComponentKind, int?, List<string>) Support(SupportFacts f)
    {
        var facts = new List<string>();
        if (!f.HasSubscription && f.ComplaintsLast90Days == 0 && f.OpenTickets == 0)
        {
            facts.Add("No subscription with support tickets and no complaints noted");
            return (HealthComponentKind.Support, null, facts);
        }

        var score = 100;
        if (f.HasSubscription || f.TicketsLast90Days > 0)
        {
            facts.Add($"{Count(f.TicketsLast90Days, "ticket")} opened in the last 90 days (−15 each)");
            score -= 15 * f.TicketsLast90Days;
        }

        if (f.OpenTickets > 0)
        {
            facts.Add($"{Count(f.OpenTickets, "ticket")} still open (−20 each)");
            score -= 20 * f.OpenTickets;
        }

        facts.Add($"{Count(f.ComplaintsLast90Days, "complaint note")} in the last 90 days (−25 each)");
        score -= 25 * f.ComplaintsLast90Days;
        return (HealthComponentKind.Support, Math.Max(0, score), facts);
    }

    internal static (HealthComponentKind, int?, List<string>) Engagement(EngagementFacts f, DateOnly today)
    {
        var facts = new List<string>();
        if (f.LastContact is not { } last)
        {
            facts.Add("No engagement or contact recorded");
            return (HealthComponentKind.Engagement, null, facts);
        }

        var days = Math.Max(0, today.DayNumber - last.DayNumber);
        var recency = RecencyScore(days);
        var frequency = Math.Min(100m, 100m * f.EngagementsLast90Days / 3m);
        facts.Add($"Last contact {last:yyyy-MM-dd}, {Count(days, "day")} ago (recency {recency})");
        facts.Add($"{Count(f.EngagementsLast90Days, "engagement")} in the last 90 days, {(f.EngagementsLast90Days / 3m).ToString("0.#", CultureInfo.InvariantCulture)} a month (frequency {Round(frequency)})");
        var bonus = Math.Min(20, 10 * f.PositiveLast90Days);
        if (f.PositiveLast90Days > 0)
        {
            facts.Add($"{Count(f.PositiveLast90Days, "positive outcome")} (+{bonus})");
        }

        if (f.NegativeLast90Days > 0)
        {
            facts.Add($"{Count(f.NegativeLast90Days, "negative outcome")} (−{30 * f.NegativeLast90Days})");
        }

        var score = Round(0.7m * recency + 0.3m * frequency) + bonus - 30 * f.NegativeLast90Days;
        return (HealthComponentKind.Engagement, Math.Clamp(score, 0, 100), facts);
    }

    public static int RecencyScore(int days) => days switch
    {
        <= 30 => 100,
        <= 60 => 70,
        <= 90 => 40,
        <= 180 => 20,
        _ => 0,
    };

    internal static (HealthComponentKind, int?, List<string>) Business(BusinessFacts f)
    {
        var facts = new List<string>();
        if (f.ChargesDue == 0 && f.OverdueDays == 0 && f.CreditLimit <= 0)
        {
            facts.Add("No charges on account and no credit limit");
            return (HealthComponentKind.Business, null, facts);
        }

        var parts = new List<(decimal Score, int Weight)>();
        if (f.ChargesDue > 0)
        {
            var share = 100m * f.ChargesPaidOnTime / f.ChargesDue;
            facts.Add($"{f.ChargesPaidOnTime} of {Count(f.ChargesDue, "charge")} due in the last 365 days paid on time ({Round(share)} %)");
            parts.Add((share, 50));
        }

        var overdue = f.OverdueDays switch
        {
            <= 0 => 100,
            <= 30 => 70,
            <= 60 => 40,
            <= 90 => 10,
            _ => 0,
        };
        facts.Add(f.OverdueDays > 0 ? $"Oldest unpaid charge {Count(f.OverdueDays, "day")} overdue (score {overdue})" : "Nothing overdue (score 100)");
        parts.Add((overdue, 30));
        if (f.CreditLimit > 0)
        {
            var utilisation = Math.Max(0, f.Balance) / f.CreditLimit;
            var score = utilisation switch
            {
                <= 0.5m => 100,
                <= 0.8m => 70,
                <= 1m => 40,
                _ => 0,
            };
            facts.Add($"Credit utilisation {Round(100 * utilisation)} %: {Money(Math.Max(0, f.Balance))} of {Money(f.CreditLimit)} (score {score})");
            parts.Add((score, 20));
        }

        return (HealthComponentKind.Business, Round(parts.Sum(p => p.Score * p.Weight) / parts.Sum(p => p.Weight)), facts);
    }

    internal static int Round(decimal value) => (int)Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Gb(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " GB";

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
}

/// <summary>What the churn-risk score looks at besides the health score.</summary>
public sealed record ChurnSignals(int? HighestScoreLast30Days, ChurnRisk? WorstSubscriptionRisk, int? DaysSinceContact, int NoEngagementDays);

public sealed record ChurnRiskResult(int? Score, ChurnRiskBand? Band, IReadOnlyList<string> Reasons);

/// <summary>
/// The churn-risk score 0-100 (issue 20): 100 − health, + 15 when a subscription's churn risk is high (+ 8 when medium),
/// + 10 when the score is 10 or more points below its highest of the last 30 days, + 10 when nobody has been in contact
/// for longer than the no-engagement alert days; between 0 and 100. No health score, no churn risk.
/// </summary>
public static class ChurnRiskRules
{
    public static ChurnRiskBand Band(int score) => score <= 33 ? ChurnRiskBand.Low : score <= 66 ? ChurnRiskBand.Medium : ChurnRiskBand.High;

    public static ChurnRiskResult Assess(int? health, ChurnSignals signals)
    {
        if (health is not { } h)
        {
            return new ChurnRiskResult(null, null, ["No health score: no data to judge"]);
        }

        var reasons = new List<string> { $"Health score {h} (+{100 - h})" };
        var risk = 100 - h;
        if (signals.WorstSubscriptionRisk == ChurnRisk.High)
        {
            risk += 15;
            reasons.Add("A subscription's churn risk is high (+15)");
        }
        else if (signals.WorstSubscriptionRisk == ChurnRisk.Medium)
        {
            risk += 8;
            reasons.Add("A subscription's churn risk is medium (+8)");
        }

        if (signals.HighestScoreLast30Days is { } highest && highest - h >= 10)
        {
            risk += 10;
            reasons.Add($"Down {highest - h} points from {highest} within 30 days (+10)");
        }

        if (signals.DaysSinceContact is { } days && days > signals.NoEngagementDays)
        {
            risk += 10;
            reasons.Add($"No contact for {days} days (+10)");
        }

        risk = Math.Clamp(risk, 0, 100);
        return new ChurnRiskResult(risk, Band(risk), reasons);
    }
}

/// <summary>What the lifecycle status is decided from.</summary>
public sealed record LifecycleFacts(DateOnly Today, DateOnly RegisteredOn, DateOnly? LastActivity, int Subscriptions, int CancelledSubscriptions, HealthBand? Band);

/// <summary>
/// The lifecycle status (issue 20), first rule that applies: churned when every subscription was cancelled, or when a
/// customer past onboarding has had no activity (purchase, payment, contact) for the configured months; onboarding in the
/// first days after registration; at risk when the health band is red or yellow; else active. A manual override
/// (with its reason) wins over all of them.
/// </summary>
public static class LifecycleRules
{
    public static (Lifecycle Status, string Reason) Decide(LifecycleFacts f, int onboardingDays, int churnedAfterMonths)
    {
        if (f.Subscriptions > 0 && f.CancelledSubscriptions == f.Subscriptions)
        {
            return (Lifecycle.Churned, f.Subscriptions == 1 ? "Its subscription was cancelled" : $"All {f.Subscriptions} subscriptions were cancelled");
        }

        var onboarding = f.Today.DayNumber - f.RegisteredOn.DayNumber < onboardingDays;
        var lastActive = f.LastActivity ?? f.RegisteredOn;
        if (!onboarding && lastActive < f.Today.AddMonths(-churnedAfterMonths))
        {
            return (Lifecycle.Churned, f.LastActivity is { } a ? $"No activity since {a:yyyy-MM-dd}" : $"No activity since it was registered on {f.RegisteredOn:yyyy-MM-dd}");
        }

        if (onboarding)
        {
            return (Lifecycle.Onboarding, $"Registered on {f.RegisteredOn:yyyy-MM-dd}, within {onboardingDays} days");
        }

        return f.Band switch
        {
            HealthBand.Red => (Lifecycle.AtRisk, "Health band red"),
            HealthBand.Yellow => (Lifecycle.AtRisk, "Health band yellow"),
            _ => (Lifecycle.Active, f.Band is null ? "No health score; active within the last months" : "Health band green"),
        };
    }
}
