using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

public enum WriteOffStatus
{
    /// <summary>Above the division's approval amount: waiting for an admin other than the one who asked.</summary>
    Pending,
    Posted,
    Rejected,
}

/// <summary>
/// A write-off of bad debt as asked and decided (DOMAIN.md §4): posted at once up to the division's approval amount,
/// above it only once a second person, an admin, approves. The ledger entry carries the request id, so approving twice
/// or retrying posts once.
/// </summary>
public class WriteOff : IVersioned, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Reason), nameof(RejectionReason)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        Reason = Pseudonym.Removed;
        RejectionReason = RejectionReason is null ? null : Pseudonym.Removed;
    }

    public int Id { get; private set; }

    public int DivisionAccountId { get; private set; }

    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The request id of the write-off entry on the ledger.</summary>
    public Guid RequestId { get; private set; }

    public WriteOffStatus Status { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTime RequestedAtUtc { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? RejectionReason { get; private set; }

    public long? EntryId { get; private set; }

    public int Version { get; set; }

    private WriteOff()
    {
    }

    internal WriteOff(int accountId, decimal amount, string reason, Guid requestId, string requestedBy, DateTime nowUtc)
    {
        DivisionAccountId = accountId;
        Amount = amount;
        Reason = reason;
        RequestId = requestId;
        RequestedBy = requestedBy;
        RequestedAtUtc = nowUtc;
        Status = WriteOffStatus.Pending;
    }

    /// <summary>Refuses a decision by the person who asked, or on a write-off already decided.</summary>
    internal void CheckCanDecide(string userName)
    {
        if (Status != WriteOffStatus.Pending)
        {
            throw new DomainException($"This write-off was already {Status.Words().ToLowerInvariant()} by {DecidedBy}.");
        }

        if (string.Equals(userName, RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("A write-off above the approval amount needs a second person: another admin must approve it.");
        }
    }

    internal void MarkPosted(long entryId, string decidedBy, DateTime nowUtc)
    {
        Status = WriteOffStatus.Posted;
        EntryId = entryId;
        DecidedBy = decidedBy;
        DecidedAtUtc = nowUtc;
    }

    internal void Reject(string reason, string decidedBy, DateTime nowUtc)
    {
        Status = WriteOffStatus.Rejected;
        RejectionReason = reason;
        DecidedBy = decidedBy;
        DecidedAtUtc = nowUtc;
    }
}
