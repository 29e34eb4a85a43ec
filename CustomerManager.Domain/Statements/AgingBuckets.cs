using CustomerManager.Domain.Accounts;

namespace CustomerManager.Domain.Statements;

/// <summary>How far past its due date an open charge is (DOMAIN.md §7).</summary>
public enum AgingBucket
{
    /// <summary>Not yet due, or due that very day (day 0).</summary>
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// <summary>What is open in each bucket; <see cref="Total"/> is the sum of the open charges.</summary>
public sealed record AgingBalances(decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90)
{
    public static readonly AgingBalances Zero = new(0, 0, 0, 0, 0);

    public decimal Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90;

    public decimal this[AgingBucket bucket] => bucket switch
    {
        AgingBucket.Current => Current,
        AgingBucket.Days1To30 => Days1To30,
        AgingBucket.Days31To60 => Days31To60,
        AgingBucket.Days61To90 => Days61To90,
        _ => Over90,
    };

    public AgingBalances Add(AgingBucket bucket, decimal amount) => bucket switch
    {
        AgingBucket.Current => this with { Current = Current + amount },
        AgingBucket.Days1To30 => this with { Days1To30 = Days1To30 + amount },
        AgingBucket.Days31To60 => this with { Days31To60 = Days31To60 + amount },
        AgingBucket.Days61To90 => this with { Days61To90 = Days61To90 + amount },
        _ => this with { Over90 = Over90 + amount },
    };

    public static AgingBalances operator +(AgingBalances a, AgingBalances b) => new(
        a.Current + b.Current, a.Days1To30 + b.Days1To30, a.Days31To60 + b.Days31To60, a.Days61To90 + b.Days61To90, a.Over90 + b.Over90);
}

/// <summary>
/// The aging rule, used by statements and the aging report alike: a charge's age is the number of days from its due
/// date (its posting date when it has none) to the as-of date. Day 0 and earlier is current; then 1-30, 31-60, 61-90, 90+.
/// </summary>
public static class AgingBuckets
{
    public static readonly IReadOnlyList<AgingBucket> All = Enum.GetValues<AgingBucket>();

    public static int DaysPastDue(DateOnly dueDate, DateOnly asOf) => asOf.DayNumber - dueDate.DayNumber;

    public static AgingBucket BucketOf(DateOnly dueDate, DateOnly asOf) => DaysPastDue(dueDate, asOf) switch
    {
        <= 0 => AgingBucket.Current,
        <= 30 => AgingBucket.Days1To30,
        <= 60 => AgingBucket.Days31To60,
        <= 90 => AgingBucket.Days61To90,
        _ => AgingBucket.Over90,
    };

    public static AgingBalances Age(IEnumerable<OpenCharge> openCharges, DateOnly asOf) =>
        openCharges.Aggregate(AgingBalances.Zero, (sum, c) =>
            sum.Add(BucketOf(c.Charge.DueDate ?? c.Charge.PostingDate, asOf), c.Open));

    public static string Label(AgingBucket bucket) => bucket switch
    {
        AgingBucket.Current => "Current",
        AgingBucket.Days1To30 => "1-30 days",
        AgingBucket.Days31To60 => "31-60 days",
        AgingBucket.Days61To90 => "61-90 days",
        _ => "90+ days",
    };
}
