using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Loyalty;

public enum PointEntryKind
{
    /// <summary>Points earned on a purchase (or a layby released), with the day they expire.</summary>
    Accrual,

    /// <summary>Points spent at the till as a discount.</summary>
    Redemption,

    /// <summary>Points of a purchase taken back because it was returned or refunded.</summary>
    Reversal,

    /// <summary>Points that reached their expiry day unspent (the daily job).</summary>
    Expiry,
}

/// <summary>
/// One posting on a customer's point ledger in a division (DOMAIN.md §9), append-only like the money ledger. Accruals are
/// lots with an expiry day; every deduction (redemption, reversal, expiry) names the lot it takes from (<see cref="LotId"/>),
/// so what is held per lot, and in total, is the sum of the entries. Kept per customer and division (not per account),
/// so a merge that combines two accounts of a division combines their points by moving the entries.
/// </summary>
public class PointEntry : IMovableAppendOnly, IBelongsToCustomer
{
    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public int DivisionId { get; private set; }

    public PointEntryKind Kind { get; private set; }

    /// <summary>Signed: accruals positive, deductions negative.</summary>
    public int Points { get; private set; }

    public DateOnly PostedOn { get; private set; }

    /// <summary>Accruals: the last day the points can be spent.</summary>
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>Deductions: the accrual (lot) the points come off.</summary>
    public int? LotId { get; private set; }

    public int? PurchaseId { get; private set; }

    public int? PurchaseReturnId { get; private set; }

    /// <summary>What the entry is about, e.g. "PUR-CLO-000012" or "Expired (earned 2025-11-03)".</summary>
    public string? Reference { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private PointEntry()
    {
    }

    string IMovableAppendOnly.OwnerProperty => nameof(CustomerId);

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    internal PointEntry(
        int customerId, int divisionId, PointEntryKind kind, int points, DateOnly postedOn, DateOnly? expiresOn, int? lotId,
        string? reference, DateTime createdAtUtc, string createdBy, int id = 0)
    {
        if (kind == PointEntryKind.Accrual ? points <= 0 || expiresOn is null : points >= 0 || lotId is null)
        {
            throw new InvalidOperationException("An accrual adds points with an expiry day; a deduction takes points off a lot.");
        }

        Id = id;
        CustomerId = customerId;
        DivisionId = divisionId;
        Kind = kind;
        Points = points;
        PostedOn = postedOn;
        ExpiresOn = expiresOn;
        LotId = lotId;
        Reference = reference;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
    }

    internal PointEntry ForPurchase(int? purchaseId, int? purchaseReturnId = null)
    {
        PurchaseId = purchaseId;
        PurchaseReturnId = purchaseReturnId;
        return this;
    }
}
