using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;

namespace CustomerManager.Domain.Accounts;

/// <summary>Where a division account's credit line stands (issue 14): the lifecycle of the credit, not of the account.</summary>
public enum CreditLineStatus
{
    /// <summary>Sales on account allowed within the limit (or no credit line yet: see <see cref="DivisionAccount.HasCreditLine"/>).</summary>
    Active,

    /// <summary>Temporarily no sales on account, new laybys or applications, with a reason; payments still taken.</summary>
    Suspended,

    /// <summary>No more credit, for good; the balance is still collectable and payments are still taken.</summary>
    Closed,
}

/// <summary>What a periodic review decides about a credit line.</summary>
public enum CreditReviewOutcome
{
    Keep,
    Change,
    Suspend,
}

/// <summary>
/// The credit line of a division account: approved from a credit application, reviewed by a date the division's credit
/// policy sets, suspended, resumed or closed by a credit manager with a reason. Every change returns the
/// <see cref="CreditLineEvent"/> that records it (append-only), so the history is kept; the current state is on the account.
/// </summary>
/// <remarks>
/// The credit line's state is its own field, not <see cref="Status"/>. The account status is the whole relationship with
/// the division (a merge closes the duplicate's account, after which nothing at all is posted, not even a payment; the
/// statement run covers active accounts), whereas a suspended or closed credit line only stops new credit: the balance
/// stays collectable, payments are taken, statements keep going out and the account's layby history stays. Putting the
/// line's state in the account status would stop the payments and statements that collect what is owed.
/// </remarks>
public partial class DivisionAccount
{
    public const int CreditLineReasonMaxLength = 200;

    /// <summary>Reviews may be set at most this far ahead.</summary>
    public const int MaxReviewYearsAhead = 5;

    public CreditLineStatus CreditLineStatus { get; private set; } = CreditLineStatus.Active;

    /// <summary>Why the line is suspended or closed (null while active).</summary>
    public string? CreditLineReason { get; private set; }

    /// <summary>When the credit line is next reviewed (local day); null before approval and once closed.</summary>
    public DateOnly? CreditReviewDueOn { get; private set; }

    /// <summary>Whether there is a credit line to manage: credit allowed, or a line suspended or closed.</summary>
    public bool HasCreditLine => AllowCredit || CreditLineStatus != CreditLineStatus.Active;

    /// <summary>
    /// An approved application sets the limit, terms and credit allowed, and the first review date
    /// (<paramref name="reviewDueOn"/>: today plus the policy's duration). A suspended or closed line is not re-opened by an approval.
    /// </summary>
    public CreditLineEvent ApproveCreditLine(
        decimal limit, int paymentTermsDays, DateOnly reviewDueOn, string applicationNumber, string by, DateTime nowUtc)
    {
        switch (CreditLineStatus)
        {
            case CreditLineStatus.Closed:
                throw new DomainException($"Account {AccountNumber}'s credit line is closed ({CreditLineReason}); a closed line gets no new credit.");
            case CreditLineStatus.Suspended:
                throw new DomainException($"Account {AccountNumber}'s credit line is suspended ({CreditLineReason}); resume it before approving more credit.");
        }

        var oldLimit = CreditLimit;
        SetCreditTerms(DivisionAccountStatus.Active, limit, paymentTermsDays, allowCredit: true, AllowLayby);
        CreditReviewDueOn = reviewDueOn;
        return Record(CreditLineEventKind.Approved, oldLimit, $"{applicationNumber} approved", by, nowUtc);
    }

    /// <summary>
    /// A periodic review: keeps the limit, changes it, or suspends the line, with a reason, and sets the next review date.
    /// A review does not lift a suspension (resume does).
    /// </summary>
    public CreditLineEvent ReviewCreditLine(
        CreditReviewOutcome outcome, decimal? newLimit, DateOnly nextReviewOn, string reason, DateOnly today, string by, DateTime nowUtc)
    {
        RequireCreditLine("reviewed");
        if (CreditLineStatus == CreditLineStatus.Closed)
        {
            throw new DomainException($"Account {AccountNumber}'s credit line is closed; there is nothing to review.");
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("Choose whether to keep, change or suspend the limit.", "Outcome");
        }

        reason = Reason(reason, "reason for the review's decision");
        if (nextReviewOn <= today)
        {
            throw new DomainException("The next review date must be after today.", "NextReviewOn");
        }

        if (nextReviewOn > today.AddYears(MaxReviewYearsAhead))
        {
            throw new DomainException($"The next review can be at most {MaxReviewYearsAhead} years ahead.", "NextReviewOn");
        }

        var oldLimit = CreditLimit;
        CreditLineEventKind kind;
        switch (outcome)
        {
            case CreditReviewOutcome.Change:
                var limit = Money.Round(newLimit ?? throw new DomainException("Enter the new credit limit.", "NewLimit"));
                if (limit <= 0)
                {
                    throw new DomainException("The new credit limit must be above 0; to stop credit, suspend or close the line.", "NewLimit");
                }

                if (limit == CreditLimit)
                {
                    throw new DomainException($"The new limit is the current limit of {CreditLimit:N2}; choose Keep instead.", "NewLimit");
                }

                SetCreditTerms(Status, limit, PaymentTermsDays, AllowCredit, AllowLayby);
                kind = CreditLineEventKind.ReviewedChanged;
                break;
            case CreditReviewOutcome.Suspend:
                EnsureNotSuspended();
                (CreditLineStatus, CreditLineReason) = (CreditLineStatus.Suspended, reason);
                kind = CreditLineEventKind.ReviewedSuspended;
                break;
            default:
                kind = CreditLineEventKind.ReviewedKept;
                break;
        }

        CreditReviewDueOn = nextReviewOn;
        return Record(kind, oldLimit, reason, by, nowUtc);
    }

    /// <summary>Stops new credit for now (sales on account, new laybys and applications), with a reason.</summary>
    public CreditLineEvent SuspendCreditLine(string reason, string by, DateTime nowUtc)
    {
        RequireCreditLine("suspended");
        if (CreditLineStatus == CreditLineStatus.Closed)
        {
            throw new DomainException($"Account {AccountNumber}'s credit line is closed; a closed line cannot be suspended.");
        }

        EnsureNotSuspended();
        reason = Reason(reason, "reason for suspending the credit line");
        (CreditLineStatus, CreditLineReason) = (CreditLineStatus.Suspended, reason);
        return Record(CreditLineEventKind.Suspended, CreditLimit, reason, by, nowUtc);
    }

    public CreditLineEvent ResumeCreditLine(string reason, string by, DateTime nowUtc)
    {
        RequireCreditLine("resumed");
        switch (CreditLineStatus)
        {
            case CreditLineStatus.Closed:
                throw new DomainException($"Account {AccountNumber}'s credit line is closed; a closed line cannot be resumed.");
            case CreditLineStatus.Active:
                throw new DomainException($"Account {AccountNumber}'s credit line is active; only a suspended line can be resumed.");
        }

        reason = Reason(reason, "reason for resuming the credit line");
        (CreditLineStatus, CreditLineReason) = (CreditLineStatus.Active, null);
        return Record(CreditLineEventKind.Resumed, CreditLimit, reason, by, nowUtc);
    }

    /// <summary>Ends the credit line for good: no more sales on account; the balance is still collected. No more reviews.</summary>
    public CreditLineEvent CloseCreditLine(string reason, string by, DateTime nowUtc)
    {
        RequireCreditLine("closed");
        if (CreditLineStatus == CreditLineStatus.Closed)
        {
            throw new DomainException($"Account {AccountNumber}'s credit line is already closed ({CreditLineReason}).");
        }

        reason = Reason(reason, "reason for closing the credit line");
        (CreditLineStatus, CreditLineReason, CreditReviewDueOn) = (CreditLineStatus.Closed, reason, null);
        return Record(CreditLineEventKind.Closed, CreditLimit, reason, by, nowUtc);
    }

    private void RequireCreditLine(string what)
    {
        if (!HasCreditLine)
        {
            throw new DomainException($"Account {AccountNumber} has no credit line to be {what}; credit starts with an approved application.");
        }
    }

    private void EnsureNotSuspended()
    {
        if (CreditLineStatus == CreditLineStatus.Suspended)
        {
            throw new DomainException($"Account {AccountNumber}'s credit line is already suspended ({CreditLineReason}).");
        }
    }

    private static string Reason(string reason, string what) =>
        TextRules.Required(reason, CreditLineReasonMaxLength, what, "Reason");

    private CreditLineEvent Record(CreditLineEventKind kind, decimal oldLimit, string reason, string by, DateTime nowUtc) =>
        new(Id, kind, oldLimit, CreditLimit, reason, CreditReviewDueOn, by, nowUtc);
}
