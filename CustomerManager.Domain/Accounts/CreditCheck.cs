using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

/// <summary>What credit is being asked for: each is refused by the same rule (<see cref="CreditCheck.WhoMayBuyOnCredit"/>).</summary>
public enum CreditUse
{
    SaleOnAccount,
    Layby,
    Application,
}

/// <summary>What the credit rule needs to know of a customer.</summary>
public sealed record CustomerStanding(string CustomerNumber, bool IsActive, bool IsBlacklisted, string? BlacklistReason)
{
    public static async Task<CustomerStanding> OfAsync(ICustomerDb db, int customerId, CancellationToken cancellationToken) =>
        await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new CustomerStanding(c.CustomerNumber, c.IsActive, c.IsBlacklisted, c.BlacklistReason))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("That customer does not exist.");
}

/// <summary>
/// Who may buy on credit, and whether a sale on account may be posted (DOMAIN.md §4). One rule for sales on account,
/// new laybys and new credit applications: a blacklisted or inactive customer, or a suspended or closed credit line,
/// refuses all three, each with its reason (<see cref="WhoMayBuyOnCredit"/>). A sale also needs the account active,
/// allowing credit, within its limit and without a charge overdue beyond the division's threshold. Returns every reason
/// it may not, for the clerk.
/// </summary>
public static class CreditCheck
{
    /// <summary>
    /// Every reason the customer may not take credit on <paramref name="account"/> (null: none opened yet, as for a
    /// first application): blacklisted, inactive, credit line suspended or closed.
    /// </summary>
    public static IReadOnlyList<string> WhoMayBuyOnCredit(CustomerStanding customer, DivisionAccount? account)
    {
        var reasons = new List<string>();
        if (customer.IsBlacklisted)
        {
            reasons.Add(customer.BlacklistReason is { Length: > 0 } why
                ? $"{customer.CustomerNumber} is blacklisted ({why})."
                : $"{customer.CustomerNumber} is blacklisted.");
        }

        if (!customer.IsActive)
        {
            reasons.Add($"{customer.CustomerNumber} is inactive.");
        }

        if (account is { CreditLineStatus: CreditLineStatus.Suspended or CreditLineStatus.Closed })
        {
            reasons.Add($"The credit line of account {account.AccountNumber} is {account.CreditLineStatus.Words().ToLowerInvariant()} ({account.CreditLineReason}).");
        }

        return reasons;
    }

    /// <summary>
    /// Refuses a new layby or credit application with every reason of <see cref="WhoMayBuyOnCredit"/>; no override:
    /// only a sale on account may be overridden, by a credit manager with a reason.
    /// </summary>
    public static void EnsureMayBuyOnCredit(CreditUse use, CustomerStanding customer, DivisionAccount? account)
    {
        var reasons = WhoMayBuyOnCredit(customer, account);
        if (reasons.Count > 0)
        {
            var what = use switch
            {
                CreditUse.Layby => "No new layby",
                CreditUse.Application => "No credit application",
                _ => "No sale on account",
            };
            throw new DomainException($"{what}: {string.Join(" ", reasons)}");
        }
    }

    /// <summary>
    /// Every reason a sale on account is refused: <see cref="WhoMayBuyOnCredit"/>, then the account's own checks. A credit
    /// manager may override these with a reason (<paramref name="overriding"/>), except a closed credit line: closed
    /// means no more sales, so that is refused even then.
    /// </summary>
    public static IReadOnlyList<string> RefusalsForSale(
        CustomerStanding customer, DivisionAccount account, decimal amount, DateOnly? oldestOpenDueDate, DateOnly today,
        int overdueThresholdDays, bool overriding = false)
    {
        if (overriding && account.CreditLineStatus == CreditLineStatus.Closed)
        {
            throw new DomainException(
                $"The credit line of account {account.AccountNumber} is closed ({account.CreditLineReason}); a closed line takes no sales, even with an override.",
                "Amount");
        }

        var reasons = new List<string>(WhoMayBuyOnCredit(customer, account));
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

/// <summary>A sale whose reference (invoice number) is already on the account: posted only once the user confirms.</summary>
public sealed class DuplicateReferenceException(string message) : DomainException(message, "Reference");
