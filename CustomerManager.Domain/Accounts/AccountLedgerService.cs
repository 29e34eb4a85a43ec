using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

public sealed record LedgerLine(AccountEntry Entry, decimal RunningBalance, bool IsReversed, IReadOnlyList<PaymentAllocation> Allocations);

public sealed record BalanceDifference(string AccountNumber, decimal Cached, decimal Ledger);

/// <summary>
/// The division account ledger (DOMAIN.md §4): sales on account with the credit checks, payments allocated to open
/// charges oldest due first (the rest kept as credit for later charges), reversals, and the balance check.
/// </summary>
public sealed partial class AccountLedgerService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Counter = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    /// <summary>An account's entries with the running balance, for a user who works in the account's division.</summary>
    public async Task<IReadOnlyList<LedgerLine>> LedgerAsync(int accountId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await currentUser.RequireAccountDivisionAsync(db, accountId, cancellationToken);
        var (entries, allocations) = await LoadLedgerAsync(db, accountId, tracked: false, cancellationToken);
        var ledger = new AccountLedger(entries, allocations);
        var running = 0m;
        return entries.Select(e =>
        {
            running += e.Amount;
            return new LedgerLine(e, running, ledger.IsReversed(e), ledger.AllocationsOf(e));
        }).ToList();
    }

    /// <summary>
    /// Records a sale on account. Refused with every reason when the credit checks fail, unless a credit manager or
    /// admin overrides with a reason (kept on the entry and in the audit trail). A reference (invoice number) already
    /// posted on the account is refused with <see cref="DuplicateReferenceException"/> until the user confirms it
    /// (<paramref name="confirmDuplicateReference"/>): the same invoice keyed in twice is the commonest till mistake.
    /// </summary>
    public async Task<AccountEntry> RecordSaleAsync(
        int accountId, decimal amount, string reference, string? description, string? overrideReason = null,
        bool confirmDuplicateReference = false, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        amount = CreditCheck.ValidAmount(amount);
        reference = (reference ?? "").Trim();
        if (reference.Length is 0 or > 100)
        {
            throw new DomainException("Enter the sale's reference (invoice or slip number), at most 100 characters.", "Reference");
        }

        description = TextRules.Optional(description, 200, "description", "Description");
        overrideReason = TextRules.Optional(overrideReason, 200, "override reason", "OverrideReason");
        if (overrideReason is not null)
        {
            currentUser.Require(Supervisors);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sale = await PostSaleAsync(db, accountId, amount, reference, description, overrideReason, confirmDuplicateReference, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sale;
    }

    /// <summary>
    /// The sale on account with every check of <see cref="RecordSaleAsync"/>, inside the caller's transaction (a purchase
    /// paid on account posts its sale this way, saved with the purchase). Amount, reference and override are checked.
    /// </summary>
    internal async Task<AccountEntry> PostSaleAsync(
        ICustomerDb db, int accountId, decimal amount, string reference, string? description, string? overrideReason,
        bool confirmDuplicateReference, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(db, accountId, cancellationToken);
        var (entries, allocations) = await LoadLedgerAsync(db, accountId, tracked: true, cancellationToken);
        var ledger = new AccountLedger(entries, allocations);
        var today = Today();
        var oldestDue = ledger.OpenCharges().Select(c => c.Charge.DueDate).Where(d => d is not null).Min();
        var policy = await Credit.CreditPolicyService.TermsAsync(db, account.DivisionId, cancellationToken);
        var refusals = CreditCheck.RefusalsForSale(await CustomerStanding.OfAsync(db, account.CustomerId, cancellationToken),
            account, amount, oldestDue, today, policy.OverdueThresholdDays, overriding: overrideReason is not null);
        if (refusals.Count > 0 && overrideReason is null)
        {
            throw new DomainException("The sale was refused: " + string.Join(" ", refusals), "Amount");
        }

        if (account.Status == DivisionAccountStatus.Closed)
        {
            throw new DomainException($"Account {account.AccountNumber} is closed; nothing can be posted to it.");
        }

        if (!confirmDuplicateReference && entries.FirstOrDefault(e => e.Kind == AccountEntryKind.SaleOnAccount && !ledger.IsReversed(e)
                && string.Equals(e.Reference, reference, StringComparison.OrdinalIgnoreCase)) is { } earlier)
        {
            throw new DuplicateReferenceException(
                $"{earlier.Reference} was already posted on {account.AccountNumber} on {earlier.PostingDate:yyyy-MM-dd} ({earlier.Amount:N2}).");
        }

        var sale = new AccountEntry(accountId, AccountEntryKind.SaleOnAccount, amount, today, today.AddDays(account.PaymentTermsDays),
            reference, description, null, null, overrideReason, Now(), currentUser.UserName);
        db.AccountEntries.Add(sale);
        account.ApplyPosting(sale);
        var settled = new AccountLedger([.. entries, sale], allocations).Settle();
        db.PaymentAllocations.AddRange(settled);
        await db.SaveOrExplainAsync(cancellationToken);
        return sale;
    }

    /// <summary>
    /// Records a payment and allocates it to open charges oldest due first; the rest is credit used by later charges.
    /// Idempotent by request id; concurrent payments queue on the account's version.
    /// </summary>
    public async Task<AccountEntry> RecordPaymentAsync(
        int accountId, decimal amount, PaymentMethod method, string? reference, Guid requestId, string? note = null,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        amount = CreditCheck.ValidAmount(amount);
        note = TextRules.Optional(note, LaybyEntry.NoteMaxLength, "note", "Note");
        if (!Enum.IsDefined(method))
        {
            throw new DomainException("Choose how the customer paid.", "Method");
        }

        reference = TextRules.Optional(reference, 100, "reference", "Reference");
        return await PostAsync(accountId, requestId, async posting =>
        {
            if (posting.Account.Status == DivisionAccountStatus.Closed)
            {
                throw new DomainException($"Account {posting.Account.AccountNumber} is closed; it cannot take payments.");
            }

            var receiptNumber = await posting.NextNumberAsync("RCT");
            var payment = new AccountEntry(accountId, AccountEntryKind.Payment, -amount, Today(), null,
                reference, note, method, requestId, null, Now(), currentUser.UserName)
            {
                ReceiptNumber = receiptNumber,
            };

            // Paying more than is owed on an account with written-off debt recovers it: that debt is reinstated and this
            // payment settles it, rather than leaving the customer credit for debt they never paid.
            var owed = posting.Ledger.OpenCharges().Sum(c => c.Open);
            var recovered = Math.Min(Math.Max(0, amount - owed), LedgerCorrections.Unrecovered(posting.Entries, posting.Ledger));
            return recovered > 0
                ? [payment, new AccountEntry(accountId, AccountEntryKind.Recovery, recovered, Today(), Today(), receiptNumber,
                    $"Written-off debt recovered by payment {receiptNumber}", null, null, null, Now(), currentUser.UserName)]
                : [payment];
        }, cancellationToken);
    }

    /// <summary>Reverses an entry once (CreditManager/Admin); its allocations stop counting and free credit is re-applied.</summary>
    public async Task<AccountEntry> ReverseAsync(int accountId, long entryId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > 200)
        {
            throw new DomainException("Give the reason for the reversal, in at most 200 characters.", "Reason");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await AccountAsync(db, accountId, cancellationToken);
        var (entries, allocations) = await LoadLedgerAsync(db, accountId, tracked: true, cancellationToken);
        var original = entries.FirstOrDefault(e => e.Id == entryId) ?? throw new DomainException("That entry is not on this account.");
        var ledger = new AccountLedger(entries, allocations);
        if (original.Kind == AccountEntryKind.Reversal)
        {
            throw new DomainException("A reversal cannot itself be reversed; post a new entry instead.");
        }

        if (ledger.IsReversed(original))
        {
            throw new DomainException("That entry was already reversed.");
        }

        if (original.Kind == AccountEntryKind.Recovery)
        {
            throw new DomainException($"A recovery goes with its payment: reverse payment {original.Reference} instead.");
        }

        // A payment that recovered written-off debt takes its recovery with it: the debt is written off again.
        var reversals = entries.Where(e => e == original || (e.Kind == AccountEntryKind.Recovery && original.ReceiptNumber is not null
                && e.Reference == original.ReceiptNumber && !ledger.IsReversed(e)))
            .Select(e => new AccountEntry(accountId, AccountEntryKind.Reversal, -e.Amount, Today(), null, reason,
                $"Reversal of {e.Kind.Words().ToLowerInvariant()} {e.ReceiptNumber ?? e.Reference}".TrimEnd(), e.Method, null, null, Now(), currentUser.UserName)
            {
                ReversalOf = e,
            })
            .ToList();
        foreach (var entry in reversals)
        {
            db.AccountEntries.Add(entry);
            account.ApplyPosting(entry);
        }

        var reversal = reversals.First(r => r.ReversalOf == original);
        db.PaymentAllocations.AddRange(new AccountLedger([.. entries, .. reversals], allocations).Settle());
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reversal;
    }

    /// <summary>
    /// Charges a month's interest (CreditManager/Admin, or the daily job): on every account with an interest rate that
    /// is not closed, a twelfth of the yearly rate on what was overdue at the month's end, posted today and due after the
    /// account's terms. Once per account and month; accounts are separate units of work, so a cancelled run resumes.
    /// </summary>
    /// <summary>Interest for the last month that has ended (what the daily job runs).</summary>
    public Task<InterestRunResult> ChargeLastMonthsInterestAsync(CancellationToken cancellationToken = default)
    {
        var lastMonth = Today().AddMonths(-1);
        return ChargeInterestAsync(lastMonth.Year, lastMonth.Month, cancellationToken);
    }

    public async Task<InterestRunResult> ChargeInterestAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        var periodStart = Statements.Statement.PeriodStartOf(year, month, Today());
        var monthEnd = periodStart.AddMonths(1).AddDays(-1);
        List<int> accountIds;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            var mine = currentUser.DivisionIds;
            accountIds = await db.DivisionAccounts.AsNoTracking()
                .Where(a => a.InterestRatePercent != null && a.Status != DivisionAccountStatus.Closed)
                .Where(a => mine == null || mine.Contains(a.DivisionId))
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        }

        int charged = 0, already = 0;
        var total = 0m;
        foreach (var accountId in accountIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requestId = InterestCharge.RequestId(accountId, periodStart);
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            if (await db.AccountEntries.AnyAsync(e => e.RequestId == requestId, cancellationToken))
            {
                already++;
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var account = await AccountAsync(db, accountId, cancellationToken);
            var (entries, allocations) = await LoadLedgerAsync(db, accountId, tracked: true, cancellationToken);
            var overdue = InterestCharge.OverdueAt(Statements.LedgerAsOf.At(entries, allocations, monthEnd), monthEnd);
            var amount = InterestCharge.For(overdue, account.InterestRatePercent ?? 0m);
            if (amount == 0)
            {
                continue;
            }

            var interest = new AccountEntry(accountId, AccountEntryKind.Interest, amount, Today(), Today().AddDays(account.PaymentTermsDays),
                InterestCharge.Reference(periodStart),
                $"Interest {account.InterestRatePercent:0.##} % a year on {overdue:N2} overdue at {monthEnd:yyyy-MM-dd}",
                null, requestId, null, Now(), currentUser.UserName);
            db.AccountEntries.Add(interest);
            account.ApplyPosting(interest);
            db.PaymentAllocations.AddRange(new AccountLedger([.. entries, interest], allocations).Settle());
            await db.SaveOrExplainAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            charged++;
            total += amount;
        }

        return new InterestRunResult(periodStart, accountIds.Count, charged, already, total);
    }

    /// <summary>
    /// The receipt of an account payment, or the advice of a refund (RFD-…), from the stored rows: the balance right
    /// after it and what it settled.
    /// </summary>
    /// <remarks>
    /// Receipts are printed at the counter (DOMAIN.md §1): accountants read the ledger and statements instead, but a
    /// refund advice is theirs too, since they pay refunds out.
    /// </remarks>
    public async Task<AccountPaymentReceipt> ReceiptAsync(string receiptNumber, CancellationToken cancellationToken = default)
    {
        var isRefund = receiptNumber.StartsWith(RefundPrefix + "-", StringComparison.OrdinalIgnoreCase);
        currentUser.Require(isRefund ? [.. Counter, Roles.Accountant] : Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var document = await db.AccountEntries.AsNoTracking().FirstOrDefaultAsync(e => e.ReceiptNumber == receiptNumber, cancellationToken)
            ?? throw new NotFoundException($"There is no {(isRefund ? "refund advice" : "receipt")} {receiptNumber}.");
        var account = await db.DivisionAccounts.AsNoTracking().FirstAsync(a => a.Id == document.DivisionAccountId, cancellationToken);
        currentUser.RequireDivision(account.DivisionId);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == account.CustomerId, cancellationToken);
        var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Id == account.DivisionId, cancellationToken);
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var (entries, allocations) = await LoadLedgerAsync(db, account.Id, tracked: false, cancellationToken);
        var charges = entries.ToDictionary(e => e.Id);
        var settled = allocations.Where(a => a.PaymentEntryId == document.Id)
            .Select(a => new ReceiptAllocation(charges[a.ChargeEntryId].Reference ?? charges[a.ChargeEntryId].Kind.Words(),
                charges[a.ChargeEntryId].DueDate, a.Amount))
            .ToList();
        var amount = Math.Abs(document.Amount);
        return new AccountPaymentReceipt(document.ReceiptNumber!, document.CreatedAtUtc, business.Name, business.Currency, division.Name,
            customer.CustomerNumber, customer.FullName, account.AccountNumber, amount, document.Method.Words(),
            document.Reference, entries.Where(e => e.Id <= document.Id).Sum(e => e.Amount), settled,
            isRefund ? 0 : amount - settled.Sum(a => a.Amount), await Users.UserNames.DisplayNameAsync(db, document.CreatedBy, cancellationToken))
        {
            IsRefund = document.Kind == AccountEntryKind.Refund,
            Reason = document.Kind == AccountEntryKind.Refund ? document.Description : null,
            Note = document.Kind == AccountEntryKind.Payment ? document.Description : null,
        };
    }

    /// <summary>The check command: recomputes every cached balance from the ledger and reports (and optionally fixes) differences.</summary>
    public async Task<IReadOnlyList<BalanceDifference>> CheckBalancesAsync(bool correct, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Accountant);
        if (correct)
        {
            currentUser.Require(Roles.Admin);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var sums = await db.AccountEntries.GroupBy(e => e.DivisionAccountId)
            .Select(g => new { AccountId = g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(x => x.AccountId, x => x.Sum, cancellationToken);
        var accounts = await db.DivisionAccounts.ToListAsync(cancellationToken);
        var differences = new List<BalanceDifference>();
        foreach (var account in accounts)
        {
            var ledger = sums.GetValueOrDefault(account.Id);
            if (ledger != account.Balance)
            {
                differences.Add(new BalanceDifference(account.AccountNumber, account.Balance, ledger));
                if (correct)
                {
                    account.CorrectBalance(ledger);
                }
            }
        }

        if (correct && differences.Count > 0)
        {
            await db.SaveOrExplainAsync(cancellationToken);
        }

        return differences;
    }

    /// <summary>The account to post to, once the user is known to work in its division.</summary>
    private async Task<DivisionAccount> AccountAsync(ICustomerDb db, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        currentUser.RequireDivision(account.DivisionId);
        return account;
    }

    internal static async Task<(List<AccountEntry> Entries, List<PaymentAllocation> Allocations)> LoadLedgerAsync(
        ICustomerDb db, int accountId, bool tracked, CancellationToken cancellationToken)
    {
        var entryQuery = db.AccountEntries.Where(e => e.DivisionAccountId == accountId);
        var entries = await (tracked ? entryQuery : entryQuery.AsNoTracking()).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        // Payment ids IN (the account's entries): found through the allocations' payment index. (An EXISTS per allocation
        // made SQLite scan every allocation: half a second per ledger at a million customers.)
        var allocationQuery = db.PaymentAllocations.Where(a =>
            db.AccountEntries.Where(e => e.DivisionAccountId == accountId).Select(e => e.Id).Contains(a.PaymentEntryId));
        var allocations = await (tracked ? allocationQuery : allocationQuery.AsNoTracking()).ToListAsync(cancellationToken);
        return (entries, allocations);
    }

    private DateTime Now() => clock.UtcNow;

    private DateOnly Today() => clock.Today;
}
