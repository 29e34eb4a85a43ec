using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

/// <summary>
/// Charges and credits that other features post to a division account inside their own unit of work (a subscription's
/// billing period, a plan change's proration): the same entries, cached balance and allocations as a sale or an
/// adjustment posted here, without the counter's credit checks (the customer agreed to the service).
/// </summary>
public sealed partial class AccountLedgerService
{
    /// <summary>
    /// Adds a charge (<paramref name="amount"/> &gt; 0, a sale on account due after the account's terms) or a credit
    /// (&lt; 0, a credit adjustment) to <paramref name="db"/> without saving, and allocates free credit or the credit
    /// to open charges. Changes not yet saved in <paramref name="db"/> must be saved first when the account holds credit
    /// or the amount is a credit (the allocations read the stored ledger). <paramref name="requestId"/> makes it once-only.
    /// </summary>
    internal static async Task<AccountEntry> PostServiceChargeAsync(
        ICustomerDb db, DivisionAccount account, decimal amount, DateOnly postingDate, string reference, string description,
        Guid? requestId, DateTime nowUtc, string userName, CancellationToken cancellationToken)
    {
        if (account.Status == DivisionAccountStatus.Closed)
        {
            throw new DomainException($"Account {account.AccountNumber} is closed; nothing can be posted to it.");
        }

        var needsLedger = amount < 0 || account.Balance < 0;
        var (entries, allocations) = needsLedger
            ? await LoadLedgerAsync(db, account.Id, tracked: true, cancellationToken)
            : ([], []);
        var entry = amount > 0
            ? new AccountEntry(account.Id, AccountEntryKind.SaleOnAccount, amount, postingDate, postingDate.AddDays(account.PaymentTermsDays),
                reference, description, null, requestId, null, nowUtc, userName)
            : new AccountEntry(account.Id, AccountEntryKind.Adjustment, amount, postingDate, null,
                reference, description, null, requestId, null, nowUtc, userName);
        db.AccountEntries.Add(entry);
        account.ApplyPosting(entry);
        if (needsLedger)
        {
            db.PaymentAllocations.AddRange(new AccountLedger([.. entries, entry], allocations).Settle());
        }

        return entry;
    }
}
