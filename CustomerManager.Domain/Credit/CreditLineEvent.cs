using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Credit;

public enum CreditLineEventKind
{
    Approved,
    ReviewedKept,
    ReviewedChanged,
    ReviewedSuspended,
    Suspended,
    Resumed,
    Closed,
}

/// <summary>
/// One change of a division account's credit line (approved, reviewed, suspended, resumed, closed): who, when, why, the
/// limit before and after, and the review date it set. Append-only: the history of a line is these rows in order; the
/// current state is on the account (<see cref="Accounts.DivisionAccount.CreditLineStatus"/>).
/// </summary>
public class CreditLineEvent : IAppendOnly, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Reason)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The reason is free text; kind, limits and dates stay.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) => Reason = Pseudonym.Removed;

    public long Id { get; private set; }

    public int DivisionAccountId { get; private set; }

    public CreditLineEventKind Kind { get; private set; }

    public decimal OldLimit { get; private set; }

    public decimal NewLimit { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The review date the change left on the line (null once closed).</summary>
    public DateOnly? NextReviewOn { get; private set; }

    /// <summary>The sign-in of who made the change.</summary>
    public string UserName { get; private set; } = "";

    public DateTime OccurredAtUtc { get; private set; }

    private CreditLineEvent()
    {
    }

    internal CreditLineEvent(
        int divisionAccountId, CreditLineEventKind kind, decimal oldLimit, decimal newLimit, string reason, DateOnly? nextReviewOn,
        string userName, DateTime occurredAtUtc)
    {
        DivisionAccountId = divisionAccountId;
        Kind = kind;
        OldLimit = oldLimit;
        NewLimit = newLimit;
        Reason = reason;
        NextReviewOn = nextReviewOn;
        UserName = userName;
        OccurredAtUtc = occurredAtUtc;
    }
}
