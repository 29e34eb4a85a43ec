using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>How often a plan is billed; the value is the number of months in one billing period.</summary>
public enum BillingCycle
{
    Monthly = 1,
    Quarterly = 3,
    Annual = 12,
}

public static class BillingCycles
{
    public static int Months(this BillingCycle cycle) => (int)cycle;

    /// <summary>What one period's price comes to per month (for MRR and forecasts), rounded by <see cref="Money.Round"/>.</summary>
    public static decimal Monthly(decimal price, BillingCycle cycle) => Money.Round(price / cycle.Months());
}

/// <summary>
/// A kind of service a plan sells (DOMAIN.md §9): Fiber, Broadband and Wireless come with every database; an admin adds
/// others (a gym membership, a maintenance contract) and switches them off when they are no longer sold.
/// </summary>
public class ServiceType
{
    public const int NameMaxLength = 50;

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    private ServiceType()
    {
    }

    public ServiceType(string? name) => Rename(name);

    public void Rename(string? name) => Name = TextRules.Required(name, NameMaxLength, "service type's name", nameof(Name));

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>What the plan form holds.</summary>
public sealed record PlanInput
{
    public string? Name { get; init; }

    public int? ServiceTypeId { get; init; }

    public int? DivisionId { get; init; }

    /// <summary>"100 Mbps", "1 Gbps": the speed as it is sold.</summary>
    public string? Speed { get; init; }

    /// <summary>"Uncapped", "500 GB": the size of what is included.</summary>
    public string? Allowance { get; init; }

    public decimal Price { get; init; }

    public BillingCycle? Cycle { get; init; }

    public IReadOnlyList<string> OttApps { get; init; } = [];

    public int LiveChannels { get; init; }

    /// <summary>Days a subscription's charge may stay unpaid past its due date before the billing run suspends it; null: never.</summary>
    public int? SuspendAfterOverdueDays { get; init; } = Plan.DefaultSuspendAfterOverdueDays;
}

/// <summary>
/// A service plan (DOMAIN.md §9, seed isp-customers): what is sold (type, speed and allowance, OTT apps and live
/// channels), in which division, at what price per billing cycle. Prices are versioned (<see cref="PlanPrice"/>): a
/// new price applies to new subscriptions at once and to existing ones at their next renewal.
/// </summary>
public class Plan : IVersioned
{
    public const int NameMaxLength = 100;
    public const int AttributeMaxLength = 50;
    public const int OttAppsMaxLength = 500;
    public const int MaxLiveChannels = 5_000;
    public const int DefaultSuspendAfterOverdueDays = 30;
    public const decimal MaxPrice = 1_000_000m;

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public int ServiceTypeId { get; private set; }

    public int DivisionId { get; private set; }

    public string? Speed { get; private set; }

    public string? Allowance { get; private set; }

    /// <summary>The current price per billing period (the newest <see cref="PlanPrice"/>).</summary>
    public decimal Price { get; private set; }

    public BillingCycle Cycle { get; private set; }

    /// <summary>The included streaming apps, comma-separated as stored; <see cref="OttAppList"/> reads them.</summary>
    public string OttApps { get; private set; } = "";

    public int LiveChannels { get; private set; }

    public int? SuspendAfterOverdueDays { get; private set; }

    public bool IsActive { get; private set; } = true;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public int Version { get; set; }

    public IReadOnlyList<string> OttAppList => OttApps.Length == 0 ? [] : OttApps.Split(", ");

    private Plan()
    {
    }

    public Plan(PlanInput input, DateTime nowUtc, string userName)
    {
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
        Apply(input);
        Price = ValidPrice(input.Price);
    }

    /// <summary>Validates the price typed on the form: not negative, at most 2 decimals, not absurd.</summary>
    public static decimal ValidPrice(decimal price)
    {
        if (price < 0)
        {
            throw new DomainException("The price cannot be negative.", nameof(Price));
        }

        if (price > MaxPrice)
        {
            throw new DomainException($"The price can be at most {MaxPrice:N0}.", nameof(Price));
        }

        if (decimal.Round(price, 2) != price)
        {
            throw new DomainException("The price can have at most 2 decimals.", nameof(Price));
        }

        return price;
    }

    /// <summary>Everything but the price (a price change is a new <see cref="PlanPrice"/>, see <see cref="ChangePrice"/>).</summary>
    public void Apply(PlanInput input)
    {
        var name = TextRules.Required(input.Name, NameMaxLength, "plan's name", nameof(Name));
        if (input.ServiceTypeId is not { } typeId)
        {
            throw new DomainException("Choose the type of service.", nameof(ServiceTypeId));
        }

        if (input.DivisionId is not { } divisionId)
        {
            throw new DomainException("Choose the division that sells the plan.", nameof(DivisionId));
        }

        if (input.Cycle is not { } cycle || !Enum.IsDefined(cycle))
        {
            throw new DomainException("Choose a billing cycle: monthly, quarterly or annual.", nameof(Cycle));
        }

        if (input.LiveChannels is < 0 or > MaxLiveChannels)
        {
            throw new DomainException($"Live channels must be between 0 and {MaxLiveChannels:N0}.", nameof(LiveChannels));
        }

        if (input.SuspendAfterOverdueDays is < 1 or > 365)
        {
            throw new DomainException("Suspend after between 1 and 365 days overdue, or leave it empty for never.", nameof(SuspendAfterOverdueDays));
        }

        var apps = input.OttApps.Select(a => (a ?? "").Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (apps.Any(a => a.Contains(',', StringComparison.Ordinal) || a.Length > AttributeMaxLength))
        {
            throw new DomainException($"Each OTT app is a name of at most {AttributeMaxLength} characters without commas.", nameof(OttApps));
        }

        var ott = string.Join(", ", apps);
        if (ott.Length > OttAppsMaxLength)
        {
            throw new DomainException($"The OTT apps can take at most {OttAppsMaxLength} characters together.", nameof(OttApps));
        }

        Name = name;
        ServiceTypeId = typeId;
        DivisionId = divisionId;
        Speed = TextRules.Optional(input.Speed, AttributeMaxLength, "speed", nameof(Speed));
        Allowance = TextRules.Optional(input.Allowance, AttributeMaxLength, "allowance", nameof(Allowance));
        Cycle = cycle;
        OttApps = ott;
        LiveChannels = input.LiveChannels;
        SuspendAfterOverdueDays = input.SuspendAfterOverdueDays;
    }

    /// <summary>Sets a new current price; the caller records it as a <see cref="PlanPrice"/>. Refuses the same price.</summary>
    public void ChangePrice(decimal price)
    {
        price = ValidPrice(price);
        if (price == Price)
        {
            throw new DomainException($"The price is already {price:N2}.", nameof(Price));
        }

        Price = price;
    }

    public void SetActive(bool active)
    {
        if (active == IsActive)
        {
            throw new DomainException(active ? $"{Name} is already sold." : $"{Name} is already withdrawn.");
        }

        IsActive = active;
    }

    public PlanInput Input() => new()
    {
        Name = Name,
        ServiceTypeId = ServiceTypeId,
        DivisionId = DivisionId,
        Speed = Speed,
        Allowance = Allowance,
        Price = Price,
        Cycle = Cycle,
        OttApps = OttAppList,
        LiveChannels = LiveChannels,
        SuspendAfterOverdueDays = SuspendAfterOverdueDays,
    };
}

/// <summary>One price of a plan from a day on (append-only): the plan's price history.</summary>
public class PlanPrice : IAppendOnly
{
    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public decimal Price { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private PlanPrice()
    {
    }

    public PlanPrice(Plan plan, DateOnly effectiveFrom, DateTime nowUtc, string userName)
    {
        PlanId = plan.Id;
        Plan = plan;
        Price = plan.Price;
        EffectiveFrom = effectiveFrom;
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
    }

    public Plan? Plan { get; private set; }
}
