using System.Globalization;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>What the churn rules look at for one subscription, as of <see cref="Today"/>.</summary>
public sealed record ChurnFacts(
    DateOnly Today,
    IReadOnlyList<decimal> DataUsedByPeriod,
    int? LastNpsScore,
    int? LastSatisfaction,
    int TicketsLast90Days,
    int OpenTickets,
    int OverdueDays,
    decimal OverdueAmount,
    DateOnly RenewalDate);

/// <summary>The risk and, for each rule that counted, the reason in words with its points.</summary>
public sealed record ChurnAssessment(ChurnRisk Risk, int Points, IReadOnlyList<string> Reasons);

/// <summary>
/// Churn risk from explained rules (issue 19): each rule that applies adds points and a reason a person can check.
/// Usage down against the subscription's own average of earlier periods (50 % or more: 2 points, 30 % or more: 1); support tickets opened in
/// the last 90 days (1 point each, at most 3) and 1 more when one is still open; the last NPS answer 0-6 (a detractor,
/// 2 points); the last satisfaction 1-2 (2 points) or 3 (1 point); a charge overdue more than 30 days (2 points) or at
/// all (1 point); the renewal within 30 days (1 point). High from 4 points, Medium from 2, else Low.
/// </summary>
public static class ChurnRules
{
    public const int HighFrom = 4;
    public const int MediumFrom = 2;

    public static ChurnAssessment Assess(ChurnFacts facts)
    {
        var reasons = new List<string>();
        var points = 0;

        void Add(int p, string reason)
        {
            points += p;
            reasons.Add($"{reason} (+{p})");
        }

        if (UsageDrop(facts.DataUsedByPeriod) is { } drop && drop >= 0.30m)
        {
            var average = facts.DataUsedByPeriod.Take(facts.DataUsedByPeriod.Count - 1).Average();
            Add(drop >= 0.50m ? 2 : 1,
                $"Usage down {drop.ToString("P0", CultureInfo.InvariantCulture)} against its own average: {Gb(facts.DataUsedByPeriod[^1])} in the last period, {Gb(average)} before");
        }

        if (facts.TicketsLast90Days > 0)
        {
            Add(Math.Min(3, facts.TicketsLast90Days), $"{facts.TicketsLast90Days} support ticket{(facts.TicketsLast90Days == 1 ? "" : "s")} in the last 90 days");
        }

        if (facts.OpenTickets > 0)
        {
            Add(1, $"{facts.OpenTickets} ticket{(facts.OpenTickets == 1 ? "" : "s")} still open");
        }

        if (facts.LastNpsScore is { } nps && nps <= 6)
        {
            Add(2, $"Last NPS answer {nps} of 10 (a detractor)");
        }

        if (facts.LastSatisfaction is { } satisfaction && satisfaction <= 3)
        {
            Add(satisfaction <= 2 ? 2 : 1, $"Satisfaction {satisfaction} of 5");
        }

        if (facts.OverdueAmount > 0)
        {
            Add(facts.OverdueDays > 30 ? 2 : 1,
                $"{facts.OverdueAmount.ToString("N2", CultureInfo.InvariantCulture)} overdue for {facts.OverdueDays} day{(facts.OverdueDays == 1 ? "" : "s")}");
        }

        var daysToRenewal = facts.RenewalDate.DayNumber - facts.Today.DayNumber;
        if (daysToRenewal is >= 0 and <= 30)
        {
            Add(1, $"Renews in {daysToRenewal} day{(daysToRenewal == 1 ? "" : "s")} ({facts.RenewalDate:yyyy-MM-dd})");
        }

        var risk = points >= HighFrom ? ChurnRisk.High : points >= MediumFrom ? ChurnRisk.Medium : ChurnRisk.Low;
        return new ChurnAssessment(risk, points, reasons);
    }

    /// <summary>
    /// How far the last period's data use fell below the average of the earlier ones (0.4 = 40 % less), or null with
    /// fewer than two earlier periods or no use before.
    /// </summary>
    public static decimal? UsageDrop(IReadOnlyList<decimal> dataUsedByPeriod)
    {
        if (dataUsedByPeriod.Count < 3)
        {
            return null;
        }

        var average = dataUsedByPeriod.Take(dataUsedByPeriod.Count - 1).Average();
        if (average <= 0)
        {
            return null;
        }

        return Math.Max(0, (average - dataUsedByPeriod[^1]) / average);
    }

    private static string Gb(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " GB";
}
