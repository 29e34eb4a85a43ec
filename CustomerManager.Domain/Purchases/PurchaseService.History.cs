using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Purchases;

public enum TimelineKind
{
    Purchase,
    LaybyRelease,
    SaleOnAccount,
    Return,
}

public sealed record TimelineFilter(int? DivisionId = null, TimelineKind? Kind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One row of a customer's purchase history: a purchase, a layby released, a sale on account posted on the ledger, or a return (negative).</summary>
public sealed record TimelineItem(
    DateOnly Date, DateTime AtUtc, TimelineKind Kind, string Number, string DivisionName, string AccountNumber, string Description,
    decimal Amount, string Payment, int Points, int? PurchaseId, string By);

/// <summary>Spend and loyalty of one division account: purchases less returns, first and last purchase, points and tier.</summary>
public sealed record AccountSpend(
    int AccountId, string AccountNumber, int DivisionId, string DivisionName, DateOnly? FirstPurchase, DateOnly? LastPurchase,
    decimal Lifetime, decimal TwelveMonths, int Points, decimal PointsValue, LoyaltyTier Tier, LoyaltyTier? NextTier,
    decimal? NextTierFrom, int ExpiringWithin30Days)
{
    /// <summary>The staff discount this customer gets here as one of the group's employees, in %; null: none.</summary>
    public decimal? StaffDiscountPercent { get; init; }

    /// <summary>12-month spend still missing for the next tier (0 at Platinum).</summary>
    public decimal MissingForNextTier => NextTierFrom is { } from ? Math.Max(0, from - TwelveMonths) : 0;
}

public sealed record CustomerSpend(IReadOnlyList<AccountSpend> Accounts)
{
    public DateOnly? FirstPurchase => Accounts.Min(a => a.FirstPurchase);

    public DateOnly? LastPurchase => Accounts.Max(a => a.LastPurchase);

    public decimal Lifetime => Accounts.Sum(a => a.Lifetime);

    public decimal TwelveMonths => Accounts.Sum(a => a.TwelveMonths);
}

public sealed partial class PurchaseService
{
    /// <summary>
    /// The customer's purchase history across the divisions the user works in, newest first: purchases, layby releases,
    /// returns and sales on account posted straight on the ledger (those of a purchase show as the purchase).
    /// </summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(int customerId, TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw new NotFoundException("That customer does not exist.");
        }

        var mine = currentUser.DivisionIds;
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => a.CustomerId == customerId)
            .Where(a => mine == null || mine.Contains(a.DivisionId))
            .Where(a => filter.DivisionId == null || a.DivisionId == filter.DivisionId)
            .Select(a => new { a.Id, a.AccountNumber, a.DivisionId }).ToListAsync(cancellationToken);
        var divisionIds = accounts.Select(a => a.DivisionId).Distinct().ToList();
        var accountIds = accounts.Select(a => a.Id).ToList();
        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var numbers = await db.DivisionAccounts.AsNoTracking().Where(a => a.CustomerId == customerId)
            .ToDictionaryAsync(a => a.Id, a => a.AccountNumber, cancellationToken);
        var (from, to) = (filter.From ?? DateOnly.MinValue, filter.To ?? DateOnly.MaxValue);
        var items = new List<TimelineItem>();

        if (filter.Kind is null or TimelineKind.Purchase or TimelineKind.LaybyRelease)
        {
            var purchases = await db.Purchases.AsNoTracking().Include(p => p.Lines).Include(p => p.Payments).AsSplitQuery()
                .Where(p => p.CustomerId == customerId && divisionIds.Contains(p.DivisionId) && p.PurchasedOn >= from && p.PurchasedOn <= to)
                .Where(p => filter.Kind == null || p.Kind == (filter.Kind == TimelineKind.LaybyRelease ? PurchaseKind.LaybyRelease : PurchaseKind.Sale))
                .OrderBy(p => p.Id).ToListAsync(cancellationToken);
            items.AddRange(purchases.Select(p => new TimelineItem(p.PurchasedOn, p.CreatedAtUtc,
                p.Kind == PurchaseKind.LaybyRelease ? TimelineKind.LaybyRelease : TimelineKind.Purchase, p.PurchaseNumber,
                names.GetValueOrDefault(p.DivisionId, ""), numbers.GetValueOrDefault(p.DivisionAccountId, ""), Describe(p) + Redeemed(p), p.Total,
                string.Join(" + ", p.Payments.Select(t => $"{t.Tender.Words()} {t.Amount:N2}")), p.PointsEarned, p.Id, p.CreatedBy)));
        }

        if (filter.Kind is null or TimelineKind.Return)
        {
            var returns = await db.PurchaseReturns.AsNoTracking()
                .Where(r => r.CustomerId == customerId && divisionIds.Contains(r.DivisionId) && r.ReturnedOn >= from && r.ReturnedOn <= to)
                .Join(db.Purchases, r => r.PurchaseId, p => p.Id, (r, p) => new { Return = r, p.PurchaseNumber, p.DivisionAccountId })
                .OrderBy(x => x.Return.Id).ToListAsync(cancellationToken);
            items.AddRange(returns.Select(x => new TimelineItem(x.Return.ReturnedOn, x.Return.CreatedAtUtc, TimelineKind.Return, x.PurchaseNumber,
                names.GetValueOrDefault(x.Return.DivisionId, ""), numbers.GetValueOrDefault(x.DivisionAccountId, ""), "Return: " + x.Return.Reason,
                -x.Return.Amount, RefundWords(x.Return), -x.Return.PointsToReverse, x.Return.PurchaseId, x.Return.CreatedBy)));
        }

        if (filter.Kind is null or TimelineKind.SaleOnAccount)
        {
            var sales = await db.AccountEntries.AsNoTracking()
                .Where(e => accountIds.Contains(e.DivisionAccountId) && e.Kind == AccountEntryKind.SaleOnAccount && e.PostingDate >= from && e.PostingDate <= to)
                .Where(e => !db.Purchases.Any(p => p.AccountEntryId == e.Id))
                .OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var division = accounts.ToDictionary(a => a.Id, a => a.DivisionId);
            items.AddRange(sales.Select(e => new TimelineItem(e.PostingDate, e.CreatedAtUtc, TimelineKind.SaleOnAccount, e.Reference ?? "",
                names.GetValueOrDefault(division[e.DivisionAccountId], ""), numbers.GetValueOrDefault(e.DivisionAccountId, ""), e.Description ?? "Sale on account",
                e.Amount, "On account", 0, null, e.CreatedBy)));
        }

        return items.OrderByDescending(i => i.Date).ThenByDescending(i => i.AtUtc).ToList();
    }

    /// <summary>Spend, first and last purchase, points and tier per division account (in the user's divisions), and overall.</summary>
    public async Task<CustomerSpend> SpendAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => a.CustomerId == customerId && a.Status != DivisionAccountStatus.Closed)
            .Where(a => mine == null || mine.Contains(a.DivisionId)).OrderBy(a => a.AccountNumber).ToListAsync(cancellationToken);
        var today = clock.Today;
        var windowStart = LoyaltyPostings.WindowStart(today);
        var bought = await db.Purchases.Where(p => p.CustomerId == customerId).GroupBy(p => p.DivisionId)
            .Select(g => new
            {
                DivisionId = g.Key,
                First = g.Min(p => p.PurchasedOn),
                Last = g.Max(p => p.PurchasedOn),
                Total = g.Sum(p => p.Total),
                Recent = g.Where(p => p.PurchasedOn >= windowStart).Sum(p => p.Total),
            })
            .ToDictionaryAsync(x => x.DivisionId, cancellationToken);
        var returned = await db.PurchaseReturns.Where(r => r.CustomerId == customerId).GroupBy(r => r.DivisionId)
            .Select(g => new { DivisionId = g.Key, Total = g.Sum(r => r.Amount), Recent = g.Where(r => r.ReturnedOn >= windowStart).Sum(r => r.Amount) })
            .ToDictionaryAsync(x => x.DivisionId, cancellationToken);
        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var staffDiscounts = await IsActiveEmployeeAsync(db, customerId, cancellationToken)
            ? await db.Divisions.AsNoTracking().Where(d => d.StaffDiscountPercent != null).ToDictionaryAsync(d => d.Id, d => d.StaffDiscountPercent, cancellationToken)
            : [];
        var result = new List<AccountSpend>();
        foreach (var a in accounts)
        {
            var terms = await LoyaltyPostings.TermsAsync(db, a.DivisionId, cancellationToken);
            var points = await LoyaltyPostings.LedgerAsync(db, customerId, a.DivisionId, cancellationToken);
            var b = bought.GetValueOrDefault(a.DivisionId);
            var r = returned.GetValueOrDefault(a.DivisionId);
            var next = terms.NextTier(a.LoyaltyTier);
            result.Add(new AccountSpend(a.Id, a.AccountNumber, a.DivisionId, names.GetValueOrDefault(a.DivisionId, ""), b?.First, b?.Last,
                (b?.Total ?? 0) - (r?.Total ?? 0), (b?.Recent ?? 0) - (r?.Recent ?? 0), points.Held, terms.ValueOf(points.Held), a.LoyaltyTier,
                next?.Tier, next?.From, points.ExpiringBy(today.AddDays(30)))
            {
                StaffDiscountPercent = staffDiscounts.GetValueOrDefault(a.DivisionId),
            });
        }

        return new CustomerSpend(result);
    }

    private static string Redeemed(Purchase p) =>
        (p.StaffDiscount > 0 ? $" (staff discount {p.StaffDiscountPercent:0.##} %: −{p.StaffDiscount:N2})" : "")
        + (p.PointsRedeemed > 0 ? $" ({p.PointsRedeemed:N0} points redeemed: −{p.Discount:N2})" : "");

    private static string RefundWords(PurchaseReturn r) => string.Join(" + ", new[]
    {
        r.OnAccountCredit > 0 ? $"Credited to account {r.OnAccountCredit:N2}" : null,
        r.Refunded > 0 ? $"{r.RefundTender.Words()} {r.Refunded:N2}" : null,
    }.OfType<string>());
}
