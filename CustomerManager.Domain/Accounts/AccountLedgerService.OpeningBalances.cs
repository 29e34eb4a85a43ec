using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

/// <summary>Opening balances brought forward by an import (issue 15), posted inside the import's batch transaction.</summary>
public sealed partial class AccountLedgerService
{
    /// <summary>
    /// Adds an <see cref="AccountEntryKind.OpeningBalance"/> to <paramref name="account"/> in the caller's context and
    /// transaction (nothing is saved here): a charge due on <paramref name="asOf"/>, or credit when negative, settled
    /// against the ledger like every posting. Idempotent by <paramref name="requestId"/>: null when it was posted before.
    /// </summary>
    internal static async Task<AccountEntry?> AddOpeningBalanceAsync(
        ICustomerDb db, DivisionAccount account, decimal amount, DateOnly asOf, string? reference, Guid requestId, DateTime nowUtc,
        string userName, CancellationToken cancellationToken)
    {
        if (await db.AccountEntries.AnyAsync(e => e.RequestId == requestId, cancellationToken)
            || db.AccountEntries.Local.Any(e => e.RequestId == requestId))
        {
            return null;
        }

        amount = Money.Round(amount);
        if (amount == 0 || Math.Abs(amount) > 100_000_000m)
        {
            throw new DomainException("An opening balance must be non-zero and at most 100,000,000 either way.", "Amount");
        }

        var entry = new AccountEntry(account.Id, AccountEntryKind.OpeningBalance, amount, asOf, amount > 0 ? asOf : null,
            TextRules.Optional(reference, 100, "reference", "Reference"), "Opening balance brought forward", null, requestId, null, nowUtc, userName);
        await AddAndSettleAsync(db, account, entry, cancellationToken);
        return entry;
    }
}
