namespace CustomerManager.Domain.Accounts;

/// <summary>A charge a payment settled, as printed on its receipt.</summary>
public sealed record ReceiptAllocation(string Reference, DateOnly? DueDate, decimal Amount);

/// <summary>
/// Everything an account payment receipt or a refund advice shows, built from stored rows (the PDF writer only lays it
/// out). For a refund, <see cref="Amount"/> is what was paid back and <see cref="Settled"/> is empty.
/// </summary>
public sealed record AccountPaymentReceipt(
    string ReceiptNumber,
    DateTime PaidAtUtc,
    string BusinessName,
    string Currency,
    string DivisionName,
    string CustomerNumber,
    string CustomerName,
    string AccountNumber,
    decimal Amount,
    string Method,
    string? Reference,
    decimal BalanceAfter,
    IReadOnlyList<ReceiptAllocation> Settled,
    decimal KeptAsCredit,
    string TakenBy)
{
    /// <summary>A refund advice (money paid back to the customer) rather than a receipt.</summary>
    public bool IsRefund { get; init; }

    /// <summary>Why the refund was paid.</summary>
    public string? Reason { get; init; }

    /// <summary>What the clerk noted on a payment.</summary>
    public string? Note { get; init; }

    public string Title => IsRefund ? "Refund advice" : "Receipt";
}
