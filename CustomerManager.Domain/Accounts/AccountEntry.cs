using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Domain.Accounts;

public enum AccountEntryKind
{
    SaleOnAccount,
    Payment,
    Fee,
    Interest,
    Refund,
    Reversal,
    Adjustment,

    /// <summary>Bad debt written off: a credit that settles open charges like a payment, with no money received.</summary>
    WriteOff,

    /// <summary>
    /// Written-off debt reinstated because the customer paid it after all: posted with that payment, which settles it,
    /// so a payment on a written-off account is reported as recovered bad debt and does not become credit.
    /// </summary>
    Recovery,

    /// <summary>
    /// The balance brought forward from the system used before (an import): a charge due on its as-of date, counted by
    /// statements and aging like any charge; negative when the customer held credit.
    /// </summary>
    OpeningBalance,
}

/// <summary>
/// One posting on a division account's ledger (DOMAIN.md §4), append-only. Signed by its effect on what the customer
/// owes: charges (sales, fees, interest, refunds paid out, debit adjustments, recoveries) are positive; payments,
/// credit adjustments and write-offs negative. A wrong entry is reversed
/// once by an equal and opposite entry that points at it.
/// </summary>
public class AccountEntry : IMovableAppendOnly, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Reference), nameof(Description), nameof(OverrideReason)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>Amounts, dates and kinds stay as posted; the texts lose only the customer's personal values.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        Reference = PersonalText.Without(Reference, personalValues);
        Description = PersonalText.Without(Description, personalValues);
        OverrideReason = PersonalText.Without(OverrideReason, personalValues);
    }

    public long Id { get; private set; }

    public int DivisionAccountId { get; private set; }

    public AccountEntryKind Kind { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly PostingDate { get; private set; }

    /// <summary>For charges: when it must be paid (posting date + the account's terms).</summary>
    public DateOnly? DueDate { get; private set; }

    public string? Reference { get; private set; }

    public string? Description { get; private set; }

    public PaymentMethod? Method { get; private set; }

    /// <summary>
    /// RCT-CLO-000001 for payments (the same counter as layby receipts of the division); RFD-CLO-000001 for refunds,
    /// the number of their refund advice.
    /// </summary>
    public string? ReceiptNumber { get; internal init; }

    /// <summary>Makes a payment post idempotent (unique index).</summary>
    public Guid? RequestId { get; private set; }

    /// <summary>Why a credit manager let a charge past the credit checks (audited with the entry).</summary>
    public string? OverrideReason { get; private set; }

    public long? ReversalOfId { get; private set; }

    public AccountEntry? ReversalOf { get; internal init; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public bool IsCharge => Amount > 0 && Kind != AccountEntryKind.Reversal;

    /// <summary>Payments, credit adjustments and write-offs: settle open charges (oldest due first); what is left is credit.</summary>
    public bool IsCredit => Amount < 0 && Kind != AccountEntryKind.Reversal;

    private AccountEntry()
    {
    }

    string IMovableAppendOnly.OwnerProperty => nameof(DivisionAccountId);

    /// <summary>
    /// A merge combines two accounts of one division by moving the duplicate's entries to the survivor's account
    /// (DOMAIN.md §2); an undo moves them back. Nothing else about a posted entry ever changes.
    /// </summary>
    internal void MoveToAccount(int accountId) => DivisionAccountId = accountId;

    internal AccountEntry(
        int accountId, AccountEntryKind kind, decimal amount, DateOnly postingDate, DateOnly? dueDate, string? reference,
        string? description, PaymentMethod? method, Guid? requestId, string? overrideReason, DateTime createdAtUtc, string createdBy)
    {
        DivisionAccountId = accountId;
        Kind = kind;
        Amount = Money.Round(amount);
        PostingDate = postingDate;
        DueDate = dueDate;
        Reference = reference;
        Description = description;
        Method = method;
        RequestId = requestId;
        OverrideReason = overrideReason;
        CreatedAtUtc = createdAtUtc;
        CreatedBy = createdBy;
    }
}

/// <summary>How much of a payment (or credit) settled which charge. Never more than either has open.</summary>
public class PaymentAllocation : IAppendOnly
{
    public long Id { get; private set; }

    public long PaymentEntryId { get; private set; }

    public long ChargeEntryId { get; private set; }

    public decimal Amount { get; private set; }

    public AccountEntry? Payment { get; private set; }

    public AccountEntry? Charge { get; private set; }

    private PaymentAllocation()
    {
    }

    internal PaymentAllocation(AccountEntry payment, AccountEntry charge, decimal amount)
    {
        Payment = payment;
        Charge = charge;
        Amount = Money.Round(amount);
    }
}
