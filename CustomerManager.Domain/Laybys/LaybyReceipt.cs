namespace CustomerManager.Domain.Laybys;

/// <summary>One instalment as printed on a receipt: due date, amount, what is paid of it, and its status word.</summary>
public sealed record ReceiptScheduleLine(int Number, DateOnly DueDate, decimal Amount, decimal Paid, string Status);

/// <summary>
/// Everything a layby payment receipt shows (issue 4): business and division, customer, layby, amount, method,
/// balance after, schedule status and who took the payment. Built by the layby service from stored rows; the PDF
/// writer only lays it out.
/// </summary>
public sealed record LaybyReceipt(
    string ReceiptNumber,
    DateTime PaidAtUtc,
    string BusinessName,
    string Currency,
    string DivisionName,
    string CustomerNumber,
    string CustomerName,
    string? CustomerPhone,
    string LaybyNumber,
    decimal LaybyTotal,
    decimal Fees,
    decimal Amount,
    string Method,
    string? Reference,
    decimal TotalPaid,
    decimal BalanceAfter,
    string LaybyStatus,
    IReadOnlyList<ReceiptScheduleLine> Schedule,
    string TakenBy)
{
    /// <summary>What the clerk noted on the payment.</summary>
    public string? Note { get; init; }
}
