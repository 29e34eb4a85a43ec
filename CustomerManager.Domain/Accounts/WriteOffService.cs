using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

/// <summary>A write-off waiting for, or given, a decision, as listed for admins and on the account.</summary>
public sealed record WriteOffRow(
    int Id, string AccountNumber, int CustomerId, string CustomerNumber, string CustomerName, string DivisionName, decimal Amount,
    string Reason, WriteOffStatus Status, string RequestedBy, DateTime RequestedAtUtc, string? DecidedBy, string? RejectionReason);

/// <summary>What became of a write-off that was asked for.</summary>
public sealed record WriteOffOutcome(WriteOff WriteOff, AccountEntry? Entry)
{
    public bool IsPending => WriteOff.Status == WriteOffStatus.Pending;
}

/// <summary>
/// Writing off bad debt (DOMAIN.md §4): credit managers and admins; above the division's approval amount a second
/// person, an admin, approves before anything is posted. The amount is checked against what is owed when asked and
/// again when posted.
/// </summary>
public sealed class WriteOffService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, AccountLedgerService ledger)
{
    private static readonly string[] Askers = [Roles.CreditManager, Roles.Admin];

    public async Task<WriteOffOutcome> WriteOffAsync(
        int accountId, decimal amount, string reason, Guid requestId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Askers);
        amount = CreditCheck.ValidAmount(amount);
        reason = LedgerCorrections.Reason(reason, "the debt is written off");
        WriteOff writeOff;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            if (await db.WriteOffs.FirstOrDefaultAsync(w => w.RequestId == requestId, cancellationToken) is { } asked)
            {
                return new WriteOffOutcome(asked, await EntryAsync(db, asked, cancellationToken));
            }

            await currentUser.RequireAccountDivisionAsync(db, accountId, cancellationToken);
            var account = await db.DivisionAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, cancellationToken);
            var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Id == account.DivisionId, cancellationToken);
            var (entries, allocations) = await AccountLedgerService.LoadLedgerAsync(db, accountId, tracked: false, cancellationToken);
            LedgerCorrections.WriteOffAmount(new AccountLedger(entries, allocations), amount);
            writeOff = new WriteOff(accountId, amount, reason, requestId, currentUser.UserName, clock.UtcNow);
            db.WriteOffs.Add(writeOff);
            await db.SaveOrExplainAsync(cancellationToken);
            if (division.WriteOffNeedsApproval(amount))
            {
                return new WriteOffOutcome(writeOff, null);
            }
        }

        return await PostAsync(writeOff.Id, cancellationToken);
    }

    /// <summary>The second person's approval (an admin who did not ask): posts the write-off.</summary>
    public async Task<WriteOffOutcome> ApproveAsync(int writeOffId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            var writeOff = await FindAsync(db, writeOffId, cancellationToken);
            writeOff.CheckCanDecide(currentUser.UserName);
        }

        return await PostAsync(writeOffId, cancellationToken);
    }

    public async Task RejectAsync(int writeOffId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        reason = LedgerCorrections.Reason(reason, "the write-off is rejected");
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var writeOff = await FindAsync(db, writeOffId, cancellationToken);
        if (writeOff.Status != WriteOffStatus.Pending)
        {
            throw new DomainException($"This write-off was already {writeOff.Status.Words().ToLowerInvariant()} by {writeOff.DecidedBy}.");
        }

        writeOff.Reject(reason, currentUser.UserName, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Write-offs in the user's divisions: pending ones (oldest first) or all, newest first.</summary>
    public async Task<IReadOnlyList<WriteOffRow>> ListAsync(bool pendingOnly, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Askers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var query = from w in db.WriteOffs.AsNoTracking()
                    join a in db.DivisionAccounts on w.DivisionAccountId equals a.Id
                    join c in db.Customers on a.CustomerId equals c.Id
                    join d in db.Divisions on a.DivisionId equals d.Id
                    where (mine == null || mine.Contains(a.DivisionId)) && (!pendingOnly || w.Status == WriteOffStatus.Pending)
                    select new { w, a.AccountNumber, c.Id, c.CustomerNumber, c.FullName, DivisionName = d.Name };
        var rows = await (pendingOnly ? query.OrderBy(x => x.w.RequestedAtUtc).ThenBy(x => x.w.Id) : query.OrderByDescending(x => x.w.Id))
            .Take(500).ToListAsync(cancellationToken);
        var names = await Users.UserNames.DisplayNamesAsync(db, rows.SelectMany(r => new[] { r.w.RequestedBy, r.w.DecidedBy ?? "" }), cancellationToken);
        return rows.Select(r => new WriteOffRow(r.w.Id, r.AccountNumber, r.Id, r.CustomerNumber,
                r.FullName, r.DivisionName, r.w.Amount, r.w.Reason, r.w.Status,
                names.GetValueOrDefault(r.w.RequestedBy, r.w.RequestedBy), r.w.RequestedAtUtc,
                r.w.DecidedBy is { } by ? names.GetValueOrDefault(by, by) : null, r.w.RejectionReason))
            .ToList();
    }

    private async Task<WriteOffOutcome> PostAsync(int writeOffId, CancellationToken cancellationToken)
    {
        WriteOff writeOff;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            writeOff = await FindAsync(db, writeOffId, cancellationToken);
        }

        // Idempotent by the write-off's request id: a retry after a failure below finds the entry already posted.
        var entry = await ledger.PostWriteOffAsync(writeOff.DivisionAccountId, writeOff.Amount, writeOff.Reason, writeOff.RequestId, cancellationToken);
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            writeOff = await FindAsync(db, writeOffId, cancellationToken);
            if (writeOff.Status == WriteOffStatus.Pending)
            {
                writeOff.MarkPosted(entry.Id, currentUser.UserName, clock.UtcNow);
                await db.SaveOrExplainAsync(cancellationToken);
            }
        }

        return new WriteOffOutcome(writeOff, entry);
    }

    private async Task<WriteOff> FindAsync(ICustomerDb db, int writeOffId, CancellationToken cancellationToken)
    {
        var writeOff = await db.WriteOffs.FirstOrDefaultAsync(w => w.Id == writeOffId, cancellationToken)
            ?? throw new NotFoundException("That write-off does not exist.");
        await currentUser.RequireAccountDivisionAsync(db, writeOff.DivisionAccountId, cancellationToken);
        return writeOff;
    }

    private static async Task<AccountEntry?> EntryAsync(ICustomerDb db, WriteOff writeOff, CancellationToken cancellationToken) =>
        await db.AccountEntries.AsNoTracking().FirstOrDefaultAsync(e => e.RequestId == writeOff.RequestId, cancellationToken);
}
