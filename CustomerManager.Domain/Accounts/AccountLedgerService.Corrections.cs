using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

/// <summary>What a posting works with: the account (tracked, version-checked) and its ledger before the posting.</summary>
internal sealed class LedgerPosting(ICustomerDb db, DivisionAccount account, List<AccountEntry> entries, AccountLedger ledger, CancellationToken cancellationToken)
{
    public DivisionAccount Account => account;

    public IReadOnlyList<AccountEntry> Entries => entries;

    public AccountLedger Ledger => ledger;

    /// <summary>The next number of the division's counter with this prefix, e.g. RCT-CLO-000042.</summary>
    public async Task<string> NextNumberAsync(string prefix)
    {
        var code = await db.Divisions.Where(d => d.Id == account.DivisionId).Select(d => d.Code).FirstAsync(cancellationToken);
        return NumberSequence.Format($"{prefix}-{code}", await db.TakeNextAsync($"{prefix}-{code}", cancellationToken));
    }
}

/// <summary>Refunds, fees and adjustments (DOMAIN.md §4): each with its reason, idempotent by request id.</summary>
public sealed partial class AccountLedgerService
{
    /// <summary>Refunds, fees and adjustments: the people who look after the money, not the till.</summary>
    private static readonly string[] Finance = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    /// <summary>
    /// Pays back credit the customer holds (cash, card or bank transfer), never more than is held. The refund is a
    /// charge that the held credit settles at once; its number (RFD-CLO-000001) is that of its refund advice.
    /// </summary>
    public async Task<AccountEntry> RefundAsync(
        int accountId, decimal amount, PaymentMethod method, string? reference, string reason, Guid requestId,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Finance);
        reason = LedgerCorrections.Reason(reason, "the credit is paid back");
        reference = TextRules.Optional(reference, 100, "reference", "Reference");
        return await PostAsync(accountId, requestId, async posting =>
        {
            var refund = LedgerCorrections.RefundAmount(posting.Ledger, amount, method);
            return [new AccountEntry(accountId, AccountEntryKind.Refund, refund, Today(), Today(), reference, reason, method,
                requestId, null, Now(), currentUser.UserName) { ReceiptNumber = await posting.NextNumberAsync(RefundPrefix) }];
        }, cancellationToken);
    }

    /// <summary>A fee (e.g. an admin or returned-payment fee): a charge due after the account's terms.</summary>
    public Task<AccountEntry> ChargeFeeAsync(
        int accountId, decimal amount, string reason, string? reference, Guid requestId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Finance);
        amount = CreditCheck.ValidAmount(amount);
        reason = LedgerCorrections.Reason(reason, "the fee is charged (e.g. \"Returned-payment fee\")");
        reference = TextRules.Optional(reference, 100, "reference", "Reference");
        return PostAsync(accountId, requestId, posting => Task.FromResult<IReadOnlyList<AccountEntry>>(
            [new AccountEntry(accountId, AccountEntryKind.Fee, amount, Today(), Today().AddDays(posting.Account.PaymentTermsDays),
                reference, reason, null, requestId, null, Now(), currentUser.UserName)]), cancellationToken);
    }

    /// <summary>
    /// A correction that is not the reversal of one entry: a debit is a charge due after the account's terms, a credit
    /// settles open charges like a payment (and is credit when nothing is open).
    /// </summary>
    public Task<AccountEntry> AdjustAsync(
        int accountId, AdjustmentDirection direction, decimal amount, string reason, string? reference, Guid requestId,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Finance);
        var signed = LedgerCorrections.AdjustmentAmount(direction, amount);
        reason = LedgerCorrections.Reason(reason, "the account is adjusted");
        reference = TextRules.Optional(reference, 100, "reference", "Reference");
        return PostAsync(accountId, requestId, posting => Task.FromResult<IReadOnlyList<AccountEntry>>(
            [new AccountEntry(accountId, AccountEntryKind.Adjustment, signed, Today(),
                direction == AdjustmentDirection.Debit ? Today().AddDays(posting.Account.PaymentTermsDays) : null,
                reference, reason, null, requestId, null, Now(), currentUser.UserName)]), cancellationToken);
    }

    /// <summary>
    /// Writes off bad debt (called by <see cref="WriteOffService"/> once any second approval is given; the entry is
    /// posted by whoever gave the last approval, the write-off row keeps who asked).
    /// </summary>
    internal Task<AccountEntry> PostWriteOffAsync(int accountId, decimal amount, string reason, Guid requestId, CancellationToken cancellationToken) =>
        PostAsync(accountId, requestId, posting =>
        {
            var writeOff = LedgerCorrections.WriteOffAmount(posting.Ledger, amount);
            return Task.FromResult<IReadOnlyList<AccountEntry>>(
                [new AccountEntry(accountId, AccountEntryKind.WriteOff, -writeOff, Today(), null, null, reason, null, requestId, null, Now(), currentUser.UserName)]);
        }, cancellationToken);

    public const string RefundPrefix = "RFD";

    /// <summary>
    /// One posting: the account (in the user's divisions, not closed) and its ledger are loaded, the entries made by
    /// <paramref name="make"/> are added and settled, all in one transaction. Idempotent by request id: the first entry
    /// of the request is returned when it was already posted; a concurrent posting makes the attempt start again.
    /// </summary>
    private Task<AccountEntry> PostAsync(
        int accountId, Guid requestId, Func<LedgerPosting, Task<IReadOnlyList<AccountEntry>>> make, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            if (await db.AccountEntries.AsNoTracking().FirstOrDefaultAsync(e => e.RequestId == requestId, cancellationToken) is { } recorded)
            {
                return recorded;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var account = await AccountAsync(db, accountId, cancellationToken);
            var (entries, allocations) = await LoadLedgerAsync(db, accountId, tracked: true, cancellationToken);
            var made = await make(new LedgerPosting(db, account, entries, new AccountLedger(entries, allocations), cancellationToken));
            foreach (var entry in made)
            {
                db.AccountEntries.Add(entry);
                account.ApplyPosting(entry);
            }

            db.PaymentAllocations.AddRange(new AccountLedger([.. entries, .. made], allocations).Settle());
            // Not SaveOrExplain: a conflict or a duplicate request must reach the retry as it is.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return made[0];
        });
}
