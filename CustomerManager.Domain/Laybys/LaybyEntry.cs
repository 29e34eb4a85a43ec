namespace CustomerManager.Domain.Laybys;

public enum LaybyEntryKind
{
    Goods,
    ServiceFee,
    AdminFee,
    LateFee,
    Deposit,
    Payment,
    Reversal,
    GoodsReturned,
    Penalty,
    FeesWrittenOff,
    Refund,
}

/// <summary>
/// One money movement on a layby, append-only. The signed amount is its effect on what the customer owes: goods,
/// fees, penalties and refunds add; deposits, payments, returned goods and written-off fees subtract. A wrong entry
/// is never edited: a <see cref="LaybyEntryKind.Reversal"/> points at it, once.
/// </summary>
public class LaybyEntry : Common.IAppendOnly, Common.IHoldsPersonalData
{
    public const int NoteMaxLength = 500;

    private static readonly string[] PersonalFields = [nameof(Reference), nameof(Note)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>Amounts, dates and kinds stay as posted; the reference loses only the customer's personal values.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        Reference = Common.PersonalText.Without(Reference, personalValues);
        // A note is free text about the customer: removed whole.
        Note = Note is null ? null : Common.Pseudonym.Removed;
    }

    public long Id { get; private set; }

    public int LaybyId { get; private set; }

    public LaybyEntryKind Kind { get; private set; }

    public decimal Amount { get; private set; }

    public DateTime PostedAtUtc { get; private set; }

    public string PostedBy { get; private set; } = "";

    public PaymentMethod? Method { get; private set; }

    /// <summary>The payment's reference, or the reason of a reversal.</summary>
    public string? Reference { get; private set; }

    /// <summary>What the clerk wrote about the payment (seed: notes), kept with it and printed on its receipt.</summary>
    public string? Note { get; internal set; }

    /// <summary>Makes a payment post idempotent: the same request id is recorded once (unique index).</summary>
    public Guid? RequestId { get; private set; }

    /// <summary>RCT-CLO-000001 for deposits and payments.</summary>
    public string? ReceiptNumber { get; internal set; }

    /// <summary>For late fees: the instalment missed (one fee per instalment, unique index).</summary>
    public int? InstalmentNumber { get; internal set; }

    public long? ReversalOfId { get; private set; }

    public LaybyEntry? ReversalOf { get; internal set; }

    public bool ReversesFee { get; internal set; }

    public bool ReversesPayment { get; internal set; }

    public bool IsFee => Kind is LaybyEntryKind.ServiceFee or LaybyEntryKind.AdminFee or LaybyEntryKind.LateFee;

    public bool IsPayment => Kind is LaybyEntryKind.Deposit or LaybyEntryKind.Payment;

    private LaybyEntry()
    {
    }

    internal LaybyEntry(
        LaybyEntryKind kind, decimal amount, DateTime postedAtUtc, string postedBy, PaymentMethod? method, string? reference,
        Guid? requestId)
    {
        Kind = kind;
        Amount = amount;
        PostedAtUtc = postedAtUtc;
        PostedBy = postedBy;
        Method = method;
        Reference = reference;
        RequestId = requestId;
    }
}
