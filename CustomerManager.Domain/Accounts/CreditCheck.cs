using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

/// <summary>
/// Whether a sale on account may be posted (DOMAIN.md §4): the account is active, allows credit, stays within its
/// limit, and has no charge overdue by more than the division's threshold (its credit policy). Returns every reason it may not, for the clerk.
/// </summary>
public static class CreditCheck
{
    public static IReadOnlyList<string> RefusalsForSale(
        DivisionAccount account, decimal amount, DateOnly? oldestOpenDueDate, DateOnly today, int overdueThresholdDays)
    {
        var reasons = new List<string>();
        if (account.Status != DivisionAccountStatus.Active)
        {
            reasons.Add($"Account {account.AccountNumber} is {account.Status.Words().ToLowerInvariant()}, not active.");
        }

        if (!account.AllowCredit)
        {
            reasons.Add($"Account {account.AccountNumber} does not allow credit.");
        }

        if (account.Balance + amount > account.CreditLimit)
        {
            reasons.Add($"The sale would take the balance to {account.Balance + amount:N2}, over the credit limit of {account.CreditLimit:N2} (available {Math.Max(0, account.CreditLimit - account.Balance):N2}).");
        }

        if (oldestOpenDueDate is { } due && today.DayNumber - due.DayNumber > overdueThresholdDays)
        {
            reasons.Add($"A charge due {due:yyyy-MM-dd} is {today.DayNumber - due.DayNumber} days overdue (more than {overdueThresholdDays}).");
        }

        return reasons;
    }

    public static decimal ValidAmount(decimal amount, string field = "Amount")
    {
        amount = Money.Round(amount);
        if (amount <= 0)
        {
            throw new DomainException("The amount must be more than 0.", field);
        }

        if (amount > 100_000_000m)
        {
            throw new DomainException("That amount is too large for one posting.", field);
        }

        return amount;
    }
}

/// <summary>A charge with what is still open on it, for allocation (oldest due date first).</summary>
public sealed record OpenCharge(AccountEntry Charge, decimal Open);

/// <summary>Allocation of a payment or of free credit to open charges: oldest due date first, never more than either has.</summary>
public static class Allocation
{
    public static IReadOnlyList<(AccountEntry Charge, decimal Amount)> OldestDueFirst(decimal available, IEnumerable<OpenCharge> charges)
    {
        var result = new List<(AccountEntry, decimal)>();
        foreach (var open in charges.Where(c => c.Open > 0)
                     .OrderBy(c => c.Charge.DueDate ?? c.Charge.PostingDate).ThenBy(c => c.Charge.PostingDate).ThenBy(c => c.Charge.Id))
        {
            if (available <= 0)
            {
                break;
            }

            var amount = Math.Min(available, open.Open);
            result.Add((open.Charge, amount));
            available -= amount;
        }

        return result;
    }
}
