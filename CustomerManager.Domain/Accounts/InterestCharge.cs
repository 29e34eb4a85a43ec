using System.Security.Cryptography;
using System.Text;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

/// <summary>What one run of monthly interest did.</summary>
public sealed record InterestRunResult(DateOnly PeriodStart, int AccountsChecked, int Charged, int AlreadyCharged, decimal TotalInterest);

/// <summary>
/// Monthly interest on overdue charges (DOMAIN.md §4, interest entries): a twelfth of the account's yearly rate on what
/// was past due at the end of the month, rounded by <see cref="Money.Round"/>. Charged once per account and month.
/// </summary>
public static class InterestCharge
{
    public static decimal For(decimal overdue, decimal yearlyRatePercent) =>
        overdue <= 0 || yearlyRatePercent <= 0 ? 0m : Money.Round(overdue * yearlyRatePercent / 100m / 12m);

    /// <summary>What was past due at the end of <paramref name="monthEnd"/>: open charges due before that day.</summary>
    public static decimal OverdueAt(AccountLedger ledgerAtMonthEnd, DateOnly monthEnd) =>
        ledgerAtMonthEnd.OpenCharges().Where(c => c.Charge.DueDate is { } due && due < monthEnd).Sum(c => c.Open);

    public static string Reference(DateOnly periodStart) => $"INT-{periodStart:yyyyMM}";

    /// <summary>
    /// The request id of an account's interest for a month, the same every time it is computed, so the unique index on
    /// request ids makes a second run (the daily job, "run now", two servers) post nothing.
    /// </summary>
    public static Guid RequestId(int accountId, DateOnly periodStart) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"interest:{accountId}:{periodStart:yyyy-MM}")).AsSpan(0, 16));
}
