using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

/// <summary>Postings that a purchase makes inside its own transaction (issue 18).</summary>
public sealed partial class AccountLedgerService
{
    /// <summary>
    /// Credits a division account for goods returned that were bought on account: a credit adjustment that settles open
    /// charges like a payment (oldest due first), the rest kept as credit.
    /// </summary>
    internal async Task<AccountEntry> PostReturnCreditAsync(
        ICustomerDb db, int accountId, decimal amount, string reference, string reason, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(db, accountId, cancellationToken);
        var credit = new AccountEntry(accountId, AccountEntryKind.Adjustment, -CreditCheck.ValidAmount(amount), Today(), null,
            reference, reason, null, null, null, Now(), currentUser.UserName);
        await AddAndSettleAsync(db, account, credit, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        return credit;
    }
}
