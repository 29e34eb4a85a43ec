using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Credit;

public enum CreditApplicationStatus
{
    Pending,
    UnderReview,
    Approved,
    Rejected,
}

/// <summary>Discretionary income and the limit it suggests (DOMAIN.md §6).</summary>
public sealed record Affordability(decimal DiscretionaryIncome, decimal SuggestedLimit)
{
    /// <summary>
    /// discretionary = income + other income − obligations − expenses; suggested = min(requested, discretionary × factor),
    /// never negative. The factor is the division's credit policy setting (<see cref="CreditPolicy.AffordabilityFactor"/>).
    /// </summary>
    public static Affordability For(decimal income, decimal otherIncome, decimal obligations, decimal expenses, decimal requested, decimal factor)
    {
        var discretionary = Money.Round(income + otherIncome - obligations - expenses);
        var suggested = Money.Round(Math.Max(0, Math.Min(requested, discretionary * factor)));
        return new Affordability(discretionary, suggested);
    }
}

/// <summary>What the clerk enters on a credit application.</summary>
public sealed record CreditApplicationInput(
    int CustomerId,
    int DivisionId,
    decimal RequestedAmount,
    int PaymentTermsDays,
    decimal MonthlyIncome,
    decimal OtherIncome,
    decimal MonthlyObligations,
    decimal MonthlyExpenses,
    string? EmployerName = null,
    string? EmployerContact = null,
    string? Reference1Name = null,
    string? Reference1Contact = null,
    string? Reference2Name = null,
    string? Reference2Contact = null);

/// <summary>
/// A request for credit on a division account (DOMAIN.md §6): pending → under review → approved / rejected.
/// A reviewer may not decide an application they submitted.
/// </summary>
public class CreditApplication : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    private static readonly string[] PersonalFields =
    [
        nameof(EmployerName), nameof(EmployerContact), nameof(Reference1Name), nameof(Reference1Contact),
        nameof(Reference2Name), nameof(Reference2Contact), nameof(ReviewNotes), nameof(RejectionReason),
    ];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>Employer and references are other people's details; notes and reasons are free text. Figures stay.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        EmployerName = EmployerName is null ? null : Pseudonym.Removed;
        EmployerContact = EmployerContact is null ? null : Pseudonym.Removed;
        Reference1Name = Reference1Name is null ? null : Pseudonym.Removed;
        Reference1Contact = Reference1Contact is null ? null : Pseudonym.Removed;
        Reference2Name = Reference2Name is null ? null : Pseudonym.Removed;
        Reference2Contact = Reference2Contact is null ? null : Pseudonym.Removed;
        ReviewNotes = ReviewNotes is null ? null : Pseudonym.Removed;
        RejectionReason = RejectionReason is null ? null : Pseudonym.Removed;
    }

    public static readonly int[] AllowedTermsDays = [7, 14, 30, 60, 90];
    private const decimal MaxAmount = 10_000_000m;

    public int Id { get; set; }

    public string ApplicationNumber { get; private set; } = "";

    public int CustomerId { get; private set; }

    /// <summary>A merge moves it to the surviving customer (and an undo back).</summary>
    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    public int DivisionId { get; private set; }

    public decimal RequestedAmount { get; private set; }

    public int PaymentTermsDays { get; private set; }

    public decimal MonthlyIncome { get; private set; }

    public decimal OtherIncome { get; private set; }

    public decimal MonthlyObligations { get; private set; }

    public decimal MonthlyExpenses { get; private set; }

    public string? EmployerName { get; private set; }

    public string? EmployerContact { get; private set; }

    public string? Reference1Name { get; private set; }

    public string? Reference1Contact { get; private set; }

    public string? Reference2Name { get; private set; }

    public string? Reference2Contact { get; private set; }

    public CreditApplicationStatus Status { get; private set; } = CreditApplicationStatus.Pending;

    public decimal? ApprovedLimit { get; private set; }

    public int? ApprovedTermsDays { get; private set; }

    public decimal? InterestRatePercent { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReviewNotes { get; private set; }

    public string? RejectionReason { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public string? AppliedByUserId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; set; }

    /// <summary>The division's affordability factor when the application was submitted: later policy changes do not rewrite it.</summary>
    public decimal AffordabilityFactor { get; private set; } = CreditPolicy.DefaultAffordabilityFactor;

    public Affordability Affordability => Affordability.For(MonthlyIncome, OtherIncome, MonthlyObligations, MonthlyExpenses, RequestedAmount, AffordabilityFactor);

    private CreditApplication()
    {
    }

    public static CreditApplication Submit(CreditApplicationInput input, CreditPolicyTerms policy, DateTime nowUtc, string userName, string? userId)
    {
        policy.Validate();
        var application = new CreditApplication
        {
            CustomerId = input.CustomerId,
            DivisionId = input.DivisionId,
            RequestedAmount = Amount(input.RequestedAmount, "requested amount", nameof(RequestedAmount), mustBePositive: true),
            MonthlyIncome = Amount(input.MonthlyIncome, "monthly income", nameof(MonthlyIncome)),
            OtherIncome = Amount(input.OtherIncome, "other income", nameof(OtherIncome)),
            MonthlyObligations = Amount(input.MonthlyObligations, "monthly obligations", nameof(MonthlyObligations)),
            MonthlyExpenses = Amount(input.MonthlyExpenses, "monthly expenses", nameof(MonthlyExpenses)),
            EmployerName = Text(input.EmployerName, nameof(EmployerName)),
            EmployerContact = Text(input.EmployerContact, nameof(EmployerContact)),
            Reference1Name = Text(input.Reference1Name, nameof(Reference1Name)),
            Reference1Contact = Text(input.Reference1Contact, nameof(Reference1Contact)),
            Reference2Name = Text(input.Reference2Name, nameof(Reference2Name)),
            Reference2Contact = Text(input.Reference2Contact, nameof(Reference2Contact)),
            AffordabilityFactor = policy.AffordabilityFactor,
            AppliedBy = userName,
            AppliedByUserId = userId,
            CreatedAtUtc = nowUtc,
        };
        if (!AllowedTermsDays.Contains(input.PaymentTermsDays))
        {
            throw new DomainException($"Payment terms must be one of {string.Join(", ", AllowedTermsDays)} days.", nameof(PaymentTermsDays));
        }

        if (application.MonthlyIncome + application.OtherIncome == 0)
        {
            throw new DomainException("Enter the applicant's income: an application without income cannot be assessed.", nameof(MonthlyIncome));
        }

        application.PaymentTermsDays = input.PaymentTermsDays;
        return application;
    }

    public void AssignNumber(long value)
    {
        if (ApplicationNumber.Length > 0)
        {
            throw new InvalidOperationException("An application number never changes.");
        }

        ApplicationNumber = Numbering.NumberSequence.Format("CRA", value);
    }

    public void StartReview(string reviewer, string? reviewerId, DateTime nowUtc)
    {
        EnsureNotOwn(reviewerId);
        if (Status != CreditApplicationStatus.Pending)
        {
            throw new DomainException($"{ApplicationNumber} is {Status}; only a pending application can be taken for review.");
        }

        Status = CreditApplicationStatus.UnderReview;
        ReviewedBy = reviewer;
        ReviewedAtUtc = nowUtc;
    }

    public void Approve(decimal limit, int termsDays, decimal? interestRatePercent, string? notes, string reviewer, string? reviewerId, DateTime nowUtc)
    {
        EnsureDecidable(reviewerId);
        limit = Money.Round(limit);
        if (limit <= 0)
        {
            throw new DomainException("An approval needs a credit limit above 0; reject the application instead.", "Limit");
        }

        if (limit > MaxAmount)
        {
            throw new DomainException($"The limit can be at most {MaxAmount:N0}.", "Limit");
        }

        if (!AllowedTermsDays.Contains(termsDays))
        {
            throw new DomainException($"Payment terms must be one of {string.Join(", ", AllowedTermsDays)} days.", "TermsDays");
        }

        if (interestRatePercent is < 0 or > 100)
        {
            throw new DomainException("The interest rate must be between 0 and 100 %.", "InterestRate");
        }

        Status = CreditApplicationStatus.Approved;
        ApprovedLimit = limit;
        ApprovedTermsDays = termsDays;
        InterestRatePercent = interestRatePercent;
        ReviewNotes = Text(notes, nameof(ReviewNotes), 500);
        ReviewedBy = reviewer;
        ReviewedAtUtc = nowUtc;
    }

    public void Reject(string reason, string reviewer, string? reviewerId, DateTime nowUtc)
    {
        EnsureDecidable(reviewerId);
        reason = TextRules.Required(reason, 500, "reason for rejecting the application", nameof(RejectionReason));

        Status = CreditApplicationStatus.Rejected;
        RejectionReason = reason;
        ReviewedBy = reviewer;
        ReviewedAtUtc = nowUtc;
    }

    private void EnsureDecidable(string? reviewerId)
    {
        EnsureNotOwn(reviewerId);
        if (Status is CreditApplicationStatus.Approved or CreditApplicationStatus.Rejected)
        {
            throw new DomainException($"{ApplicationNumber} was already {Status.Words().ToLowerInvariant()} by {ReviewedBy}.");
        }
    }

    private void EnsureNotOwn(string? reviewerId)
    {
        if (reviewerId is not null && reviewerId == AppliedByUserId)
        {
            throw new DomainException("You submitted this application; another credit manager must review it.");
        }
    }

    private static decimal Amount(decimal value, string what, string field, bool mustBePositive = false)
    {
        value = Money.Round(value);
        if (value < 0 || (mustBePositive && value == 0))
        {
            throw new DomainException($"The {what} must be {(mustBePositive ? "more than" : "at least")} 0.", field);
        }

        if (value > MaxAmount)
        {
            throw new DomainException($"The {what} of {value:N2} is not plausible; check the figure.", field);
        }

        return value;
    }

    private static string? Text(string? value, string field, int max = 100) =>
        TextRules.Optional(value, max, TextRules.Words(field), field);
}
