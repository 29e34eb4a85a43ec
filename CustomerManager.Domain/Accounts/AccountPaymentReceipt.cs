namespace CustomerManager.Domain.Accounts;

/// <summary>A charge a payment settled, as printed on its receipt.</summary>
public sealed record ReceiptAllocation(string Reference, DateOnly? DueDate, decimal Amount);

/// <summary>Everything an account payment receipt shows, built from stored rows (the PDF writer only lays it out).</summary>
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
    string TakenBy);
