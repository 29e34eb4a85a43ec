using System.Runtime.CompilerServices;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Statements;

/// <summary>A row of the statements list (without the lines).</summary>
public sealed record StatementSummary(
    long Id, string Number, int DivisionAccountId, string AccountNumber, int CustomerId, string CustomerNumber, string CustomerName,
    string DivisionName, DateOnly PeriodStart, DateOnly StatementDate, decimal OpeningBalance, decimal ClosingBalance,
    decimal UnallocatedCredit, DateTime GeneratedAtUtc, DateOnly DueDate)
{
    /// <summary>Computed from the ledger when the summary is read (<see cref="Statement.PaymentOf"/>).</summary>
    public StatementPayment Payment { get; init; }
}

/// <summary>Where a batch run is: <see cref="Done"/> of <see cref="Total"/> accounts handled (generated or already stored).</summary>
public sealed record StatementBatchProgress(int Done, int Total, int Generated, int Skipped);

/// <summary>How a batch run ended; a cancelled run can be started again and carries on where it stopped.</summary>
public sealed record StatementBatchResult(int Total, int Generated, int Skipped, bool Cancelled)
{
    public int Done => Generated + Skipped;
}

/// <summary>One account on the aging report: open charges by bucket, unallocated credit, and the balance (= buckets − credit).</summary>
public sealed record AgingRow(
    int AccountId, string AccountNumber, int CustomerId, string CustomerNumber, string CustomerName, int DivisionId, string DivisionName,
    AgingBalances Buckets, decimal Credit)
{
    public decimal Balance => Buckets.Total - Credit;
}

public sealed record AgingTotal(int? DivisionId, string Name, AgingBalances Buckets, decimal Credit)
{
    public decimal Balance => Buckets.Total - Credit;
}

public sealed record AgingReport(DateOnly AsOf, IReadOnlyList<AgingRow> Rows, IReadOnlyList<AgingTotal> DivisionTotals, AgingTotal Overall);

/// <summary>
/// Monthly statements of division accounts (DOMAIN.md §7): generated once per account and month and stored, in a
/// batch for a division with progress and cancel, listed for accountants; and the aging report as of any date.
/// </summary>
public sealed class StatementService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Readers = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    /// <summary>
    /// The statement of one account for a month that has ended: the stored one when it exists, otherwise generated and
    /// stored now. A month that has not ended is refused (field "Month") and nothing is stored.
    /// </summary>
    public async Task<Statement> GenerateAsync(int accountId, int year, int month, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var periodStart = Statement.PeriodStartOf(year, month, Today());
        return (await GenerateOrFindAsync(accountId, periodStart, cancellationToken)).Statement;
    }

    /// <summary>
    /// Statements for every active account of the division (opened by the month's end) that has none for the month yet,
    /// leaving out quiet accounts (nothing posted in the month and nothing owed or held at its end) unless
    /// <paramref name="includeQuiet"/>. Each account is its own unit of work; cancellation is honoured between accounts
    /// and the run can be restarted.
    /// </summary>
    public async Task<StatementBatchResult> RunBatchAsync(
        int divisionId, int year, int month, bool includeQuiet, IProgress<StatementBatchProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        currentUser.RequireDivision(divisionId);
        var periodStart = Statement.PeriodStartOf(year, month, Today());
        var openedBefore = clock.StartOfDayUtc(periodStart.AddMonths(1));
        List<int> accountIds;
        HashSet<int> stored;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            if (!await db.Divisions.AnyAsync(d => d.Id == divisionId, cancellationToken))
            {
                throw new DomainException("Choose a division.", "Division");
            }

            var periodEnd = periodStart.AddMonths(1).AddDays(-1);
            accountIds = await db.DivisionAccounts.AsNoTracking()
                .Where(a => a.DivisionId == divisionId && a.Status == DivisionAccountStatus.Active && a.OpenedAtUtc < openedBefore)
                .Where(a => includeQuiet
                    || db.AccountEntries.Any(e => e.DivisionAccountId == a.Id && e.PostingDate >= periodStart && e.PostingDate <= periodEnd)
                    || db.AccountEntries.Where(e => e.DivisionAccountId == a.Id && e.PostingDate < periodStart).Sum(e => e.Amount) != 0)
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
            stored = (await db.Statements.AsNoTracking().Where(s => s.DivisionId == divisionId && s.PeriodStart == periodStart)
                .Select(s => s.DivisionAccountId).ToListAsync(cancellationToken)).ToHashSet();
        }

        int generated = 0, skipped = 0;
        progress?.Report(new StatementBatchProgress(0, accountIds.Count, 0, 0));
        foreach (var accountId in accountIds)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new StatementBatchResult(accountIds.Count, generated, skipped, Cancelled: true);
            }

            if (stored.Contains(accountId) || !(await GenerateOrFindAsync(accountId, periodStart, CancellationToken.None)).Created)
            {
                skipped++;
            }
            else
            {
                generated++;
            }

            progress?.Report(new StatementBatchProgress(generated + skipped, accountIds.Count, generated, skipped));
        }

        return new StatementBatchResult(accountIds.Count, generated, skipped, Cancelled: false);
    }

    /// <summary>One month's statements of a division, by account number, a page at a time.</summary>
    public async Task<Page<StatementSummary>> ListAsync(
        int divisionId, int year, int month, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var query = OfMonth(db, divisionId, year, month);
        var total = await query.CountAsync(cancellationToken);
        var items = await Summaries(query.OrderBy(s => s.AccountNumber).ThenBy(s => s.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)))
            .ToListAsync(cancellationToken);
        return new Page<StatementSummary>(await WithPaymentAsync(db, items, cancellationToken), total);
    }

    /// <summary>One month's statements of a division, by account number, streamed from the database (for exports).</summary>
    public async IAsyncEnumerable<StatementSummary> StreamAsync(
        int divisionId, int year, int month, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        // In batches, so whether each is paid is read from a few hundred ledgers at a time, not one query per statement.
        await using var ledgers = await dbFactory.OpenAsync(cancellationToken);
        var batch = new List<StatementSummary>(500);
        await foreach (var summary in Summaries(OfMonth(db, divisionId, year, month).OrderBy(s => s.AccountNumber)).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            batch.Add(summary);
            if (batch.Count == 500)
            {
                foreach (var paid in await WithPaymentAsync(ledgers, batch, cancellationToken))
                {
                    yield return paid;
                }

                batch.Clear();
            }
        }

        foreach (var paid in await WithPaymentAsync(ledgers, batch, cancellationToken))
        {
            yield return paid;
        }
    }

    /// <summary>An account's statements, newest month first.</summary>
    public async Task<IReadOnlyList<StatementSummary>> ForAccountAsync(int accountId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await currentUser.RequireAccountDivisionAsync(db, accountId, cancellationToken);
        return await WithPaymentAsync(db, await Summaries(db.Statements.AsNoTracking().Where(s => s.DivisionAccountId == accountId)
            .OrderByDescending(s => s.PeriodStart)).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A customer's statements in every division the user works in, newest month first.</summary>
    public async Task<IReadOnlyList<StatementSummary>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await WithPaymentAsync(db, await Summaries(db.Statements.AsNoTracking()
                .Where(s => s.CustomerId == customerId && (mine == null || mine.Contains(s.DivisionId)))
                .OrderByDescending(s => s.PeriodStart).ThenBy(s => s.DivisionName))
            .ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A stored statement by its number (for the PDF).</summary>
    public async Task<Statement> GetAsync(string number, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Number == number, cancellationToken)
            ?? throw new NotFoundException($"There is no statement {number}.");
        currentUser.RequireDivision(statement.DivisionId);
        return statement;
    }

    /// <summary>
    /// Every account owing or owed something at the end of <paramref name="asOf"/>: open charges by bucket and unallocated
    /// credit, from the entries posted up to that day (allocations replayed as they were then), with totals per division and overall.
    /// </summary>
    public async Task<AgingReport> AgingReportAsync(DateOnly asOf, int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var accounts = db.DivisionAccounts.AsNoTracking().Where(a => divisionId == null || a.DivisionId == divisionId)
            .Where(a => mine == null || mine.Contains(a.DivisionId));
        var heads = await (from a in accounts
                           join c in db.Customers on a.CustomerId equals c.Id
                           join d in db.Divisions on a.DivisionId equals d.Id
                           where db.AccountEntries.Any(e => e.DivisionAccountId == a.Id && e.PostingDate <= asOf)
                           orderby d.Name, a.AccountNumber
                           select new { a.Id, a.AccountNumber, a.CustomerId, c.CustomerNumber, c.FullName, a.DivisionId, DivisionName = d.Name })
            .ToListAsync(cancellationToken);
        var ids = heads.Select(h => h.Id).ToList();
        var entries = (await db.AccountEntries.AsNoTracking().Where(e => ids.Contains(e.DivisionAccountId)).OrderBy(e => e.Id)
            .ToListAsync(cancellationToken)).ToLookup(e => e.DivisionAccountId);
        var allocations = (await (from al in db.PaymentAllocations.AsNoTracking()
                                  join p in db.AccountEntries on al.PaymentEntryId equals p.Id
                                  where ids.Contains(p.DivisionAccountId)
                                  select new { p.DivisionAccountId, Allocation = al })
            .ToListAsync(cancellationToken)).ToLookup(x => x.DivisionAccountId, x => x.Allocation);

        var rows = new List<AgingRow>();
        foreach (var h in heads)
        {
            var ledger = LedgerAsOf.At(entries[h.Id].ToList(), allocations[h.Id].ToList(), asOf);
            var buckets = AgingBuckets.Age(ledger.OpenCharges(), asOf);
            var credit = ledger.FreeCredit().Sum(f => f.Free);
            if (buckets.Total != 0 || credit != 0)
            {
                rows.Add(new AgingRow(h.Id, h.AccountNumber, h.CustomerId, h.CustomerNumber, h.FullName, h.DivisionId, h.DivisionName, buckets, credit));
            }
        }

        var divisionTotals = rows.GroupBy(r => (r.DivisionId, r.DivisionName))
            .Select(g => Total(g.Key.DivisionId, g.Key.DivisionName, g)).ToList();
        return new AgingReport(asOf, rows, divisionTotals, Total(null, "All divisions", rows));
    }

    private IQueryable<Statement> OfMonth(ICustomerDb db, int divisionId, int year, int month)
    {
        currentUser.RequireDivision(divisionId);
        if (month is < 1 or > 12 || year is < 2000 or > 9998)
        {
            throw new DomainException("Choose a month.", "Month");
        }

        var periodStart = new DateOnly(year, month, 1);
        return db.Statements.AsNoTracking().Where(s => s.DivisionId == divisionId && s.PeriodStart == periodStart);
    }

    private static IQueryable<StatementSummary> Summaries(IQueryable<Statement> statements) =>
        statements.Select(s => new StatementSummary(
            s.Id, s.Number, s.DivisionAccountId, s.AccountNumber, s.CustomerId, s.CustomerNumber, s.CustomerName, s.DivisionName,
            s.PeriodStart, s.StatementDate, s.OpeningBalance, s.ClosingBalance, s.UnallocatedCredit, s.GeneratedAtUtc, s.DueDate));

    /// <summary>The summaries with whether each has been paid, from the ledgers of their accounts as they are now.</summary>
    private async Task<List<StatementSummary>> WithPaymentAsync(ICustomerDb db, IReadOnlyList<StatementSummary> summaries, CancellationToken cancellationToken)
    {
        var accountIds = summaries.Where(s => s.ClosingBalance > 0).Select(s => s.DivisionAccountId).Distinct().ToList();
        var entries = (await db.AccountEntries.AsNoTracking().Where(e => accountIds.Contains(e.DivisionAccountId)).OrderBy(e => e.Id)
            .ToListAsync(cancellationToken)).ToLookup(e => e.DivisionAccountId);
        var allocations = (await (from a in db.PaymentAllocations.AsNoTracking()
                                  join e in db.AccountEntries on a.PaymentEntryId equals e.Id
                                  where accountIds.Contains(e.DivisionAccountId)
                                  select new { e.DivisionAccountId, Allocation = a }).ToListAsync(cancellationToken))
            .ToLookup(x => x.DivisionAccountId, x => x.Allocation);
        var ledgers = accountIds.ToDictionary(id => id, id => new AccountLedger([.. entries[id]], [.. allocations[id]]));
        var today = Today();
        return summaries.Select(s => s with
        {
            Payment = Statement.PaymentOf(s.ClosingBalance, s.StatementDate, s.DueDate,
                ledgers.GetValueOrDefault(s.DivisionAccountId) ?? new AccountLedger([], []), today),
        }).ToList();
    }

    private static AgingTotal Total(int? divisionId, string name, IEnumerable<AgingRow> rows) =>
        rows.Aggregate(new AgingTotal(divisionId, name, AgingBalances.Zero, 0m),
            (t, r) => t with { Buckets = t.Buckets + r.Buckets, Credit = t.Credit + r.Credit });

    private async Task<(Statement Statement, bool Created)> GenerateOrFindAsync(int accountId, DateOnly periodStart, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (await db.Statements.AsNoTracking().FirstOrDefaultAsync(
                s => s.DivisionAccountId == accountId && s.PeriodStart == periodStart, cancellationToken) is { } existing)
        {
            currentUser.RequireDivision(existing.DivisionId);
            return (existing, false);
        }

        var account = await db.DivisionAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new DomainException("That account does not exist.", "Account");
        currentUser.RequireDivision(account.DivisionId);
        var periodEnd = periodStart.AddMonths(1).AddDays(-1);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == account.CustomerId, cancellationToken);
        var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Id == account.DivisionId, cancellationToken);
        var business = await db.Businesses.AsNoTracking().FirstAsync(b => b.Id == division.BusinessId, cancellationToken);
        // The whole ledger: entries after the month are left out by the statement, but tell the replay that the stored
        // allocations may include later ones.
        var entries = await db.AccountEntries.AsNoTracking().Where(e => e.DivisionAccountId == accountId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        // Payment ids IN (the account's entries): the allocations are found through their payment index, not a scan.
        var allocations = await db.PaymentAllocations.AsNoTracking()
            .Where(a => db.AccountEntries.Where(e => e.DivisionAccountId == accountId).Select(e => e.Id).Contains(a.PaymentEntryId))
            .ToListAsync(cancellationToken);
        var laybys = await LaybyBalancesAsync(db, account, periodEnd, clock.StartOfDayUtc(periodEnd.AddDays(1)), cancellationToken);
        var address = string.Join(", ", new[] { customer.Address, customer.City, customer.PostalCode, customer.Country }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        var parties = new StatementParties(business.Name, business.Currency, division.Id, division.Code, division.Name,
            customer.Id, customer.CustomerNumber, customer.FullName, address.Length == 0 ? null : address, account.AccountNumber, account.LoyaltyPoints);

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var number = await db.TakeNextAsync(Statement.SequenceName(division.Code, periodStart), cancellationToken);
            var statement = Statement.Compose(number, account, parties, periodStart, entries, allocations, laybys, Now(), currentUser.UserName);
            db.Statements.Add(statement);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (statement, true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Generated by someone else at the same moment: theirs is the statement.
            await using var again = await dbFactory.OpenAsync(cancellationToken);
            return (await again.Statements.AsNoTracking().FirstAsync(
                s => s.DivisionAccountId == accountId && s.PeriodStart == periodStart, cancellationToken), false);
        }
    }

    /// <summary>The customer's laybys in the division that were open at the end of the statement date, with what was owing then.</summary>
    private static async Task<IReadOnlyList<StatementLaybyBalance>> LaybyBalancesAsync(
        ICustomerDb db, DivisionAccount account, DateOnly statementDate, DateTime endOfDay, CancellationToken cancellationToken)
    {
        var laybys = await db.Laybys.AsNoTracking().Include(l => l.Entries)
            .Where(l => l.CustomerId == account.CustomerId && l.DivisionId == account.DivisionId && l.OpenedOn <= statementDate
                && (l.ClosedAtUtc == null || l.ClosedAtUtc >= endOfDay) && (l.CompletedAtUtc == null || l.CompletedAtUtc >= endOfDay))
            .OrderBy(l => l.LaybyNumber)
            .ToListAsync(cancellationToken);
        return laybys.Select(l => new StatementLaybyBalance(
            l.LaybyNumber,
            l.Status is LaybyStatus.Active or LaybyStatus.OnHold ? l.Status.Words() : "Open",
            l.Entries.Where(e => e.PostedAtUtc < endOfDay).Sum(e => e.Amount))).ToList();
    }

    private DateTime Now() => clock.UtcNow;

    private DateOnly Today() => clock.Today;
}
