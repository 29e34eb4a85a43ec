using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Loyalty;

/// <summary>
/// The point postings purchases, returns, redemptions and the nightly run share (inside the caller's transaction), so
/// every path keeps the account's cached points equal to the ledger and the tier equal to the 12-month spend.
/// </summary>
internal static class LoyaltyPostings
{
    public static async Task<LoyaltyTerms> TermsAsync(ICustomerDb db, int divisionId, CancellationToken cancellationToken) =>
        (await db.LoyaltyProgrammes.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).FirstOrDefaultAsync(cancellationToken))?.Terms
        ?? LoyaltyTerms.Default;

    public static async Task<PointLedger> LedgerAsync(ICustomerDb db, int customerId, int divisionId, CancellationToken cancellationToken) =>
        new(await db.PointEntries.AsNoTracking().Where(e => e.CustomerId == customerId && e.DivisionId == divisionId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken));

    /// <summary>Spend in the division over the 12 months up to <paramref name="today"/>: purchases less returns.</summary>
    public static async Task<decimal> TwelveMonthSpendAsync(ICustomerDb db, int customerId, int divisionId, DateOnly today, CancellationToken cancellationToken)
    {
        var from = WindowStart(today);
        var bought = await db.Purchases.Where(p => p.CustomerId == customerId && p.DivisionId == divisionId && p.PurchasedOn >= from)
            .SumAsync(p => p.Total, cancellationToken);
        var returned = await db.PurchaseReturns.Where(r => r.CustomerId == customerId && r.DivisionId == divisionId && r.ReturnedOn >= from)
            .SumAsync(r => r.Amount, cancellationToken);
        return bought - returned;
    }

    /// <summary>The first day of the rolling 12 months that end today.</summary>
    public static DateOnly WindowStart(DateOnly today) => today.AddMonths(-12).AddDays(1);

    /// <summary>Posts deductions (one entry per lot) and keeps the account's cached points in step.</summary>
    public static List<PointEntry> Deduct(
        ICustomerDb db, DivisionAccount account, PointEntryKind kind, IEnumerable<LotDeduction> deductions, string? reference,
        DateOnly today, DateTime nowUtc, string userName, int? purchaseId = null, int? purchaseReturnId = null)
    {
        var entries = deductions.Select(d => new PointEntry(account.CustomerId, account.DivisionId, kind, -d.Points, today, null, d.LotId,
            reference, nowUtc, userName).ForPurchase(purchaseId, purchaseReturnId)).ToList();
        db.PointEntries.AddRange(entries);
        account.ApplyPoints(entries.Sum(e => e.Points));
        return entries;
    }

    public static PointEntry Accrue(
        ICustomerDb db, DivisionAccount account, int points, LoyaltyTerms terms, string? reference, DateOnly today, DateTime nowUtc,
        string userName, int? purchaseId)
    {
        var entry = new PointEntry(account.CustomerId, account.DivisionId, PointEntryKind.Accrual, points, today,
            today.AddMonths(terms.ExpiryMonths), null, reference, nowUtc, userName).ForPurchase(purchaseId);
        db.PointEntries.Add(entry);
        account.ApplyPoints(points);
        return entry;
    }

    /// <summary>Sets the account's tier from its 12-month spend (a change is audited with the account).</summary>
    public static async Task<LoyaltyTier> RecalculateTierAsync(
        ICustomerDb db, DivisionAccount account, LoyaltyTerms terms, DateOnly today, CancellationToken cancellationToken)
    {
        var tier = terms.TierFor(await TwelveMonthSpendAsync(db, account.CustomerId, account.DivisionId, today, cancellationToken));
        if (tier != account.LoyaltyTier)
        {
            account.SetLoyaltyTier(tier);
        }

        return tier;
    }

    /// <summary>
    /// The redemption rules: not for a blacklisted customer, oldest-expiring points first, never more than held. Returns
    /// the plan (one deduction per lot) and what the points are worth; the caller posts it with <see cref="Deduct"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<LotDeduction> Plan, decimal Value)> PlanRedemptionAsync(
        ICustomerDb db, DivisionAccount account, int points, DateOnly today, CancellationToken cancellationToken)
    {
        var standing = await CustomerStanding.OfAsync(db, account.CustomerId, cancellationToken);
        if (standing.IsBlacklisted)
        {
            throw new DomainException($"{standing.CustomerNumber} is blacklisted; points cannot be redeemed.", "Points");
        }

        var ledger = await LedgerAsync(db, account.CustomerId, account.DivisionId, cancellationToken);
        var plan = ledger.PlanRedemption(points, today);
        var terms = await TermsAsync(db, account.DivisionId, cancellationToken);
        return (plan, terms.ValueOf(points));
    }
}
