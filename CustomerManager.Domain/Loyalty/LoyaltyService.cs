using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Loyalty;

public sealed record DivisionProgramme(int DivisionId, string DivisionName, LoyaltyProgramme? Current)
{
    public LoyaltyTerms Terms => Current?.Terms ?? LoyaltyTerms.Default;
}

public sealed record PointHistoryLine(PointEntry Entry, string DivisionName, int HeldAfter);

public sealed record RedemptionResult(int Points, decimal Value, int HeldAfter);

public sealed record LoyaltyRunResult(int PointsExpired, int LotsExpired, int TiersChanged, int CachesCorrected);

/// <summary>
/// Loyalty programmes per division (admins edit, versioned), the point history, redemption at the till and the nightly
/// run (expiry and tier recalculation) (DOMAIN.md §9).
/// </summary>
public sealed class LoyaltyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Counter = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<IReadOnlyList<DivisionProgramme>> ProgrammesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var latest = await db.LoyaltyProgrammes.AsNoTracking()
            .Where(p => p.VersionNumber == db.LoyaltyProgrammes.Where(q => q.DivisionId == p.DivisionId).Max(q => q.VersionNumber))
            .ToDictionaryAsync(p => p.DivisionId, cancellationToken);
        return divisions.Where(d => currentUser.WorksIn(d.Id))
            .Select(d => new DivisionProgramme(d.Id, d.Name, latest.GetValueOrDefault(d.Id))).ToList();
    }

    public async Task<IReadOnlyList<LoyaltyProgramme>> HistoryAsync(int divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.LoyaltyProgrammes.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).ToListAsync(cancellationToken);
    }

    /// <summary>Saves new terms as the division's next version (Admin); points already earned keep their expiry day.</summary>
    public async Task<LoyaltyProgramme> SaveAsync(int divisionId, LoyaltyTerms terms, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        terms.Validate();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Divisions.AnyAsync(d => d.Id == divisionId, cancellationToken))
        {
            throw new NotFoundException("That division does not exist.");
        }

        var latest = await db.LoyaltyProgrammes.Where(p => p.DivisionId == divisionId).MaxAsync(p => (int?)p.VersionNumber, cancellationToken) ?? 0;
        var programme = new LoyaltyProgramme(divisionId, latest + 1, terms, clock.UtcNow, currentUser.UserName);
        db.LoyaltyProgrammes.Add(programme);
        await db.SaveOrExplainAsync(cancellationToken);
        return programme;
    }

    /// <summary>A customer's point entries in the divisions the user works in, newest first, with the points held after each.</summary>
    public async Task<IReadOnlyList<PointHistoryLine>> HistoryOfCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var entries = await db.PointEntries.AsNoTracking().Where(e => e.CustomerId == customerId)
            .Where(e => mine == null || mine.Contains(e.DivisionId)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var held = new Dictionary<int, int>();
        var lines = new List<PointHistoryLine>();
        foreach (var e in entries)
        {
            held[e.DivisionId] = held.GetValueOrDefault(e.DivisionId) + e.Points;
            lines.Add(new PointHistoryLine(e, names.GetValueOrDefault(e.DivisionId, ""), held[e.DivisionId]));
        }

        lines.Reverse();
        return lines;
    }

    /// <summary>
    /// Redeems points on a division account at the till, outside a recorded purchase (a point-of-sale system that keeps its
    /// own sales): oldest-expiring first, never more than held, not for a blacklisted customer. Returns their value.
    /// </summary>
    public async Task<RedemptionResult> RedeemAsync(int accountId, int points, string? reference, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        reference = TextRules.Optional(reference, 100, "reference", "Reference");
        return await OptimisticRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
                ?? throw new NotFoundException("That account does not exist.");
            currentUser.RequireDivision(account.DivisionId);
            var (plan, value) = await LoyaltyPostings.PlanRedemptionAsync(db, account, points, clock.Today, cancellationToken);
            LoyaltyPostings.Deduct(db, account, PointEntryKind.Redemption, plan, reference, clock.Today, clock.UtcNow, currentUser.UserName);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RedemptionResult(points, value, account.LoyaltyPoints);
        });
    }

    /// <summary>
    /// The nightly run (and an admin's "run now"): points past their expiry day expire, every account's tier is set from
    /// its 12-month spend (changes audited), and cached points that differ from the ledger are corrected. Idempotent.
    /// </summary>
    public async Task<LoyaltyRunResult> RunNightlyAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        int expiredPoints = 0, lots = 0, tiers = 0, corrected = 0;
        // Customers with lots past their day and points left, found in SQL (an index on LotId keeps the sum per lot cheap).
        List<(int CustomerId, int DivisionId)> due;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            due = (await db.PointEntries.AsNoTracking()
                .Where(a => a.Kind == PointEntryKind.Accrual && a.ExpiresOn < today)
                .Where(a => a.Points + db.PointEntries.Where(d => d.LotId == a.Id).Sum(d => d.Points) > 0)
                .Select(a => new { a.CustomerId, a.DivisionId }).Distinct()
                .ToListAsync(cancellationToken)).Select(x => (x.CustomerId, x.DivisionId)).Order().ToList();
        }

        foreach (var (customerId, divisionId) in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            var account = await db.DivisionAccounts.Where(a => a.CustomerId == customerId && a.DivisionId == divisionId)
                .OrderBy(a => a.Status == DivisionAccountStatus.Closed).ThenBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
            if (account is null)
            {
                continue;
            }

            // Planned from the ledger read after the account (whose version guards the save): a redemption at the same
            // moment makes this save fail rather than expire points already spent.
            var ledger = await LoyaltyPostings.LedgerAsync(db, customerId, divisionId, cancellationToken);
            foreach (var lot in ledger.Expired(today))
            {
                var earned = ledger.OpenLots.First(l => l.Id == lot.LotId).EarnedOn;
                LoyaltyPostings.Deduct(db, account, PointEntryKind.Expiry, [lot], $"Expired (earned {earned:yyyy-MM-dd})", today, clock.UtcNow, currentUser.UserName);
                expiredPoints += lot.Points;
                lots++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                expiredPoints -= ledger.Expired(today).Sum(l => l.Points);
                lots -= ledger.Expired(today).Count;
            }
        }

        // Tiers and cached points, division by division, in batches of accounts.
        List<int> divisionIds;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            divisionIds = await db.Divisions.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        }

        var from = LoyaltyPostings.WindowStart(today);
        foreach (var divisionId in divisionIds)
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            var terms = await LoyaltyPostings.TermsAsync(db, divisionId, cancellationToken);
            var bought = await db.Purchases.Where(p => p.DivisionId == divisionId && p.PurchasedOn >= from && p.PurchasedOn <= today)
                .GroupBy(p => p.CustomerId).Select(g => new { g.Key, Sum = g.Sum(p => p.Total) }).ToDictionaryAsync(x => x.Key, x => x.Sum, cancellationToken);
            var returned = await db.PurchaseReturns.Where(r => r.DivisionId == divisionId && r.ReturnedOn >= from && r.ReturnedOn <= today)
                .GroupBy(r => r.CustomerId).Select(g => new { g.Key, Sum = g.Sum(r => r.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, cancellationToken);
            var held = await db.PointEntries.Where(e => e.DivisionId == divisionId)
                .GroupBy(e => e.CustomerId).Select(g => new { g.Key, Sum = g.Sum(e => e.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum, cancellationToken);
            var lastId = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var batchDb = await dbFactory.OpenAsync(cancellationToken);
                var batch = await batchDb.DivisionAccounts.Where(a => a.DivisionId == divisionId && a.Id > lastId && a.Status != DivisionAccountStatus.Closed)
                    .OrderBy(a => a.Id).Take(1000).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var account in batch)
                {
                    var spend = bought.GetValueOrDefault(account.CustomerId) - returned.GetValueOrDefault(account.CustomerId);
                    var tier = terms.TierFor(spend);
                    if (tier != account.LoyaltyTier)
                    {
                        account.SetLoyaltyTier(tier);
                        tiers++;
                    }

                    var points = held.GetValueOrDefault(account.CustomerId);
                    if (points != account.LoyaltyPoints)
                    {
                        account.CorrectPoints(points);
                        corrected++;
                    }
                }

                try
                {
                    await batchDb.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A clerk changed one of these accounts at the same moment: tomorrow's run (or "run now") sets it.
                }

                lastId = batch[^1].Id;
            }
        }

        return new LoyaltyRunResult(expiredPoints, lots, tiers, corrected);
    }
}
