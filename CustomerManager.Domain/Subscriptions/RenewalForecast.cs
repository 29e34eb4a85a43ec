using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>A subscription that will renew: when, on what plan and division, at which plan price per period, and its churn risk.</summary>
public sealed record RenewalFact(DateOnly RenewalDate, string PlanName, string DivisionName, decimal PlanPrice, BillingCycle Cycle, ChurnRisk Risk);

/// <summary>
/// One month, plan and division of the forecast: how many subscriptions renew, the recurring revenue they bring for the
/// next year (the plan's current price per period × periods in a year) and the part of it at risk (High churn risk).
/// </summary>
public sealed record RenewalRow(DateOnly Month, string PlanName, string DivisionName, int Renewals, decimal RecurringRevenue, decimal AtRiskRevenue);

/// <summary>A month's totals over plans and divisions.</summary>
public sealed record RenewalMonth(DateOnly Month, int Renewals, decimal RecurringRevenue, decimal AtRiskRevenue);

public sealed record RenewalForecastReport(IReadOnlyList<RenewalMonth> Months, IReadOnlyList<RenewalRow> Rows);

/// <summary>Active subscriptions and what they bring each month (monthly recurring revenue), with the part at high churn risk.</summary>
public sealed record SubscriptionSummary(int Active, int Suspended, decimal MonthlyRecurringRevenue, decimal AtRiskMonthlyRevenue, int RenewingIn30Days);

/// <summary>
/// The renewal forecast (issue 19): subscriptions renewing in each of the next 12 months (this month first; a renewal
/// date already passed counts in this month), grouped by plan and division, every month listed even when nothing renews.
/// </summary>
public static class RenewalForecast
{
    public const int Months = 12;

    public static decimal YearlyValue(decimal price, BillingCycle cycle) => Money.Round(price * (12 / cycle.Months()));

    public static RenewalForecastReport Build(IEnumerable<RenewalFact> facts, DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        var end = first.AddMonths(Months);
        var rows = facts.Where(f => f.RenewalDate < end)
            .Select(f => (Month: f.RenewalDate < first ? first : new DateOnly(f.RenewalDate.Year, f.RenewalDate.Month, 1), Fact: f))
            .GroupBy(x => (x.Month, x.Fact.PlanName, x.Fact.DivisionName))
            .Select(g => new RenewalRow(g.Key.Month, g.Key.PlanName, g.Key.DivisionName, g.Count(),
                g.Sum(x => YearlyValue(x.Fact.PlanPrice, x.Fact.Cycle)),
                g.Where(x => x.Fact.Risk == ChurnRisk.High).Sum(x => YearlyValue(x.Fact.PlanPrice, x.Fact.Cycle))))
            .OrderBy(r => r.Month).ThenBy(r => r.DivisionName).ThenBy(r => r.PlanName)
            .ToList();
        var months = Enumerable.Range(0, Months).Select(i => first.AddMonths(i))
            .Select(m => rows.Where(r => r.Month == m).ToList())
            .Select((inMonth, i) => new RenewalMonth(first.AddMonths(i), inMonth.Sum(r => r.Renewals), inMonth.Sum(r => r.RecurringRevenue),
                inMonth.Sum(r => r.AtRiskRevenue)))
            .ToList();
        return new RenewalForecastReport(months, rows);
    }
}

/// <summary>The renewal forecast and the dashboard's subscription figures, for the divisions the user works in (readers of reports).</summary>
public sealed class SubscriptionReportService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Readers = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    public async Task<RenewalForecastReport> RenewalForecastAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var today = clock.Today;
        var end = new DateOnly(today.Year, today.Month, 1).AddMonths(RenewalForecast.Months);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var facts = await (from s in db.Subscriptions.AsNoTracking()
                           join p in db.Plans on s.PlanId equals p.Id
                           join d in db.Divisions on s.DivisionId equals d.Id
                           where s.Status != SubscriptionStatus.Cancelled && s.RenewalDate < end && (mine == null || mine.Contains(s.DivisionId))
                           select new RenewalFact(s.RenewalDate, p.Name, d.Name, p.Price, p.Cycle, s.ChurnRisk)).ToListAsync(cancellationToken);
        return RenewalForecast.Build(facts, today);
    }

    public async Task<SubscriptionSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var today = clock.Today;
        var soon = today.AddDays(30);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status != SubscriptionStatus.Cancelled && (mine == null || mine.Contains(s.DivisionId)))
            .GroupBy(s => new { s.Status, s.Cycle, s.ChurnRisk, Soon = s.RenewalDate <= soon })
            .Select(g => new { g.Key.Status, g.Key.Cycle, g.Key.ChurnRisk, g.Key.Soon, Count = g.Count(), Sum = g.Sum(s => s.Price) })
            .ToListAsync(cancellationToken);
        var active = rows.Where(r => r.Status == SubscriptionStatus.Active).ToList();
        return new SubscriptionSummary(
            active.Sum(r => r.Count),
            rows.Where(r => r.Status == SubscriptionStatus.Suspended).Sum(r => r.Count),
            Money.Round(active.Sum(r => r.Sum / r.Cycle.Months())),
            Money.Round(active.Where(r => r.ChurnRisk == ChurnRisk.High).Sum(r => r.Sum / r.Cycle.Months())),
            active.Where(r => r.Soon).Sum(r => r.Count));
    }
}
