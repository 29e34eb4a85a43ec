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

        var entry = amount > 0
            ? new AccountEntry(account.Id, AccountEntryKind.SaleOnAccount, amount, postingDate, postingDate.AddDays(account.PaymentTermsDays),
                reference, description, null, requestId, null, nowUtc, userName)
            : new AccountEntry(account.Id, AccountEntryKind.Adjustment, amount, postingDate, null,
                reference, description, null, requestId, null, nowUtc, userName);
        await AddAndSettleAsync(db, account, entry, cancellationToken);
        return entry;
    }

    /// <summary>
    /// Adds <paramref name="entry"/> to the account (unsaved) and settles the ledger: credit to open charges, oldest due
    /// first. A charge to an account that holds no credit allocates nothing, so its ledger is not read.
    /// </summary>
    private static async Task AddAndSettleAsync(ICustomerDb db, DivisionAccount account, AccountEntry entry, CancellationToken cancellationToken)
    {
        var needsLedger = entry.Amount < 0 || account.Balance < 0;
        var (entries, allocations) = needsLedger
            ? await LoadLedgerAsync(db, account.Id, tracked: true, cancellationToken)
            : ([], []);
        db.AccountEntries.Add(entry);
        account.ApplyPosting(entry);
        if (needsLedger)
        {
            db.PaymentAllocations.AddRange(new AccountLedger([.. entries, entry], allocations).Settle());
        }
    }
}
