using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Subscriptions;

public enum SubscriptionStatus
{
    Active,
    Suspended,
    Cancelled,
}

public enum ChurnRisk
{
    Low,
    Medium,
    High,
}

/// <summary>One billing period of a subscription: [Start, End), charged in advance on its start day.</summary>
public sealed record BillingPeriod(DateOnly Start, DateOnly End);

/// <summary>
/// A customer's (or an institution's, billed as its billing customer) subscription to a plan (DOMAIN.md §9). Billed in
/// advance per period on the division account of the plan's division: periods are counted from the
/// <see cref="BillingAnchor"/> (the 31st stays the month's last day: 31 Jan, 28/29 Feb, 31 Mar), so dates never drift.
/// The price is kept until the yearly <see cref="RenewalDate"/>, when the plan's current price applies; a plan change
/// applies a new price at once with a <see cref="Proration"/> of the period already billed.
/// </summary>
public class Subscription : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(StatusReason)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>A reason may name the person; the plan, dates, prices and status stay.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) => StatusReason = PersonalText.Without(StatusReason, personalValues);

    public const string NumberPrefix = "SUB";
    public const int ReasonMaxLength = 200;
    public const int ChurnReasonsMaxLength = 1_000;
    public const int TermMonths = 12;

    public int Id { get; private set; }

    /// <summary>SUB-000001: the reference on every charge it posts.</summary>
    public string SubscriptionNumber { get; private set; } = "";

    /// <summary>The customer billed: the subscriber, or the institution's billing customer.</summary>
    public int CustomerId { get; private set; }

    /// <summary>Set when the subscription is an institution's (then <see cref="CustomerId"/> is its billing customer).</summary>
    public int? InstitutionId { get; private set; }

    public int PlanId { get; private set; }

    /// <summary>The plan's division: where it is billed and whose users may see it.</summary>
    public int DivisionId { get; private set; }

    public DateOnly StartDate { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    /// <summary>The price per period this subscription pays until its next renewal.</summary>
    public decimal Price { get; private set; }

    public BillingCycle Cycle { get; private set; }

    public DateOnly BillingAnchor { get; private set; }

    /// <summary>Periods charged since <see cref="BillingAnchor"/>.</summary>
    public int PeriodsBilled { get; private set; }

    /// <summary>The day the next period starts and is charged (indexed: the billing run and the customer list use it).</summary>
    public DateOnly NextBillingDate { get; private set; }

    /// <summary>The end of the current yearly term: the plan's current price applies from here.</summary>
    public DateOnly RenewalDate { get; private set; }

    public int Renewals { get; private set; }

    /// <summary>Why it was last suspended or cancelled.</summary>
    public string? StatusReason { get; private set; }

    public DateOnly? StatusChangedOn { get; private set; }

    public ChurnRisk ChurnRisk { get; private set; }

    /// <summary>Why the churn risk is what it is, one reason per line ("" when low with nothing to say).</summary>
    public string ChurnReasons { get; private set; } = "";

    public DateOnly? ChurnComputedOn { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public int Version { get; set; }

    private Subscription()
    {
    }

    /// <summary>Starts a subscription to <paramref name="plan"/> on <paramref name="start"/> at the plan's current price.</summary>
    public static Subscription Start(
        string number, int customerId, int? institutionId, Plan plan, DateOnly start, DateOnly today, DateTime nowUtc, string userName)
    {
        if (!plan.IsActive)
        {
            throw new DomainException($"{plan.Name} is no longer sold; choose another plan.", "PlanId");
        }

        if (start < today.AddDays(-31) || start > today.AddYears(1))
        {
            throw new DomainException("The start date must be within the last month or the coming year.", nameof(StartDate));
        }

        var subscription = new Subscription
        {
            SubscriptionNumber = number,
            CustomerId = customerId,
            InstitutionId = institutionId,
            PlanId = plan.Id,
            DivisionId = plan.DivisionId,
            StartDate = start,
            Status = SubscriptionStatus.Active,
            Price = plan.Price,
            Cycle = plan.Cycle,
            BillingAnchor = start,
            RenewalDate = start.AddMonths(TermMonths),
            CreatedAtUtc = nowUtc,
            CreatedBy = userName,
        };
        subscription.NextBillingDate = start;
        return subscription;
    }

    public static string FormatNumber(long value) => Numbering.NumberSequence.Format(NumberPrefix, value);

    /// <summary>The period that was charged last (the one running now or just ended), or null before the first charge.</summary>
    public BillingPeriod? CurrentPeriod => PeriodsBilled == 0
        ? null
        : new BillingPeriod(BillingAnchor.AddMonths((PeriodsBilled - 1) * Cycle.Months()), NextBillingDate);

    /// <summary>The period to charge next.</summary>
    public BillingPeriod NextPeriod => new(NextBillingDate, BillingAnchor.AddMonths((PeriodsBilled + 1) * Cycle.Months()));

    public bool IsDue(DateOnly today) => Status == SubscriptionStatus.Active && NextBillingDate <= today;

    /// <summary>
    /// Records that <see cref="NextPeriod"/> is being charged: renews first when the period starts on or after the
    /// renewal date (the plan's <paramref name="currentPlanPrice"/> applies from then), then moves the next billing date on.
    /// Returns the period and the price to charge for it.
    /// </summary>
    public (BillingPeriod Period, decimal Price, bool Renewed) Bill(decimal currentPlanPrice)
    {
        if (Status != SubscriptionStatus.Active)
        {
            throw new DomainException($"{SubscriptionNumber} is {Status.Words().ToLowerInvariant()}; only active subscriptions are billed.");
        }

        var period = NextPeriod;
        var renewed = false;
        while (period.Start >= RenewalDate)
        {
            Renewals++;
            RenewalDate = StartDate.AddMonths(TermMonths * (Renewals + 1));
            Price = currentPlanPrice;
            renewed = true;
        }

        PeriodsBilled++;
        NextBillingDate = period.End;
        return (period, Price, renewed);
    }

    /// <summary>
    /// Moves the subscription to <paramref name="plan"/> from <paramref name="changeDate"/>. When the current period was
    /// already charged and runs past the change day, returns what that period's change is worth; the new price applies
    /// from the change day. A plan on another billing cycle starts its own periods on the change day.
    /// </summary>
    public Proration? ChangePlan(Plan plan, DateOnly changeDate)
    {
        if (Status != SubscriptionStatus.Active)
        {
            throw new DomainException($"{SubscriptionNumber} is {Status.Words().ToLowerInvariant()}; only an active subscription changes plan.", "PlanId");
        }

        if (plan.Id == PlanId)
        {
            throw new DomainException($"{SubscriptionNumber} is already on {plan.Name}.", "PlanId");
        }

        if (!plan.IsActive)
        {
            throw new DomainException($"{plan.Name} is no longer sold; choose another plan.", "PlanId");
        }

        if (plan.DivisionId != DivisionId)
        {
            throw new DomainException($"{plan.Name} is sold by another division: cancel this subscription and start a new one there.", "PlanId");
        }

        Proration? proration = null;
        var sameCycle = plan.Cycle == Cycle;
        if (CurrentPeriod is { } period && changeDate >= period.Start && changeDate < period.End)
        {
            proration = Proration.For(Price, sameCycle ? plan.Price : null, period.Start, period.End, changeDate);
            if (!sameCycle)
            {
                // The new cycle's first period starts on the change day and is charged by the next billing run.
                (BillingAnchor, PeriodsBilled, NextBillingDate) = (changeDate, 0, changeDate);
            }
        }
        else if (!sameCycle)
        {
            (BillingAnchor, PeriodsBilled) = (NextBillingDate, 0);
        }

        PlanId = plan.Id;
        Price = plan.Price;
        Cycle = plan.Cycle;
        return proration;
    }

    public void Suspend(string? reason, DateOnly today)
    {
        var why = TextRules.Required(reason, ReasonMaxLength, "reason for the suspension", "Reason");
        if (Status != SubscriptionStatus.Active)
        {
            throw new DomainException($"{SubscriptionNumber} is {Status.Words().ToLowerInvariant()}; only an active subscription can be suspended.");
        }

        (Status, StatusReason, StatusChangedOn) = (SubscriptionStatus.Suspended, why, today);
    }

    /// <summary>
    /// Back to active. Periods that would have started while it was suspended are not charged: when the next billing
    /// date has passed, billing starts again on the day it resumes.
    /// </summary>
    public void Resume(DateOnly today)
    {
        if (Status != SubscriptionStatus.Suspended)
        {
            throw new DomainException($"{SubscriptionNumber} is {Status.Words().ToLowerInvariant()}; only a suspended subscription can be resumed.");
        }

        if (NextBillingDate < today)
        {
            (BillingAnchor, PeriodsBilled, NextBillingDate) = (today, 0, today);
        }

        (Status, StatusReason, StatusChangedOn) = (SubscriptionStatus.Active, null, today);
    }

    public void Cancel(string? reason, DateOnly today)
    {
        var why = TextRules.Required(reason, ReasonMaxLength, "reason for the cancellation", "Reason");
        if (Status == SubscriptionStatus.Cancelled)
        {
            throw new DomainException($"{SubscriptionNumber} was already cancelled on {StatusChangedOn:yyyy-MM-dd}.");
        }

        (Status, StatusReason, StatusChangedOn) = (SubscriptionStatus.Cancelled, why, today);
    }

    /// <summary>Stores the outcome of the churn rules (<see cref="ChurnRules"/>).</summary>
    public void SetChurn(ChurnAssessment assessment, DateOnly today)
    {
        ChurnRisk = assessment.Risk;
        var reasons = string.Join("\n", assessment.Reasons);
        ChurnReasons = reasons.Length > ChurnReasonsMaxLength ? reasons[..ChurnReasonsMaxLength] : reasons;
        ChurnComputedOn = today;
    }

    public IReadOnlyList<string> ChurnReasonList => ChurnReasons.Length == 0 ? [] : ChurnReasons.Split('\n');

    public void MoveToCustomer(int customerId) => CustomerId = customerId;
}
