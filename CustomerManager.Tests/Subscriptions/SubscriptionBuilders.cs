using System.Reflection;
using CustomerManager.Domain.Subscriptions;

namespace CustomerManager.Tests.Subscriptions;

/// <summary>Plans and subscriptions for rule tests, without a database (ids set as the database would).</summary>
internal static class SubscriptionBuilders
{
    public static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    public static PlanInput PlanInput(decimal price = 999m, BillingCycle? cycle = BillingCycle.Monthly, string name = "Fiber 100") => new()
    {
        Name = name,
        ServiceTypeId = 1,
        DivisionId = 1,
        Speed = "100 Mbps",
        Allowance = "Uncapped",
        Price = price,
        Cycle = cycle,
        OttApps = ["Netflix", "Prime Video"],
        LiveChannels = 120,
    };

    public static Plan Plan(decimal price = 999m, BillingCycle cycle = BillingCycle.Monthly, int id = 1, int divisionId = 1)
    {
        var plan = new Plan(PlanInput(price, cycle, "Plan " + id) with { DivisionId = divisionId }, Now, "admin");
        typeof(Plan).GetProperty(nameof(Domain.Subscriptions.Plan.Id))!.SetValue(plan, id);
        return plan;
    }

    public static Subscription Subscription(Plan plan, DateOnly start, int id = 7)
    {
        var subscription = Domain.Subscriptions.Subscription.Start("SUB-000007", 1, null, plan, start, start, Now, "clerk");
        typeof(Subscription).GetProperty(nameof(Domain.Subscriptions.Subscription.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(subscription, id);
        return subscription;
    }

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
