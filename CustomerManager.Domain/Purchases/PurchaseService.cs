using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Purchases;

public sealed record PurchaseInput(
    int CustomerId, int DivisionId, IReadOnlyList<PurchaseLineInput>? Lines, decimal? Total, IReadOnlyList<TenderInput>? Tenders,
    int PointsToRedeem = 0, string? Till = null, string? ExternalReference = null, string? OverrideReason = null, Guid? RequestId = null);

/// <summary>What the till shows after a purchase: the purchase, the points it earned and what is held now, the tier after it.</summary>
public sealed record PurchaseReceipt(Purchase Purchase, string AccountNumber, int PointsHeld, LoyaltyTier TierBefore, LoyaltyTier TierAfter)
{
    public bool TierChanged => TierBefore != TierAfter;
}

public sealed record PurchaseDetail(Purchase Purchase, IReadOnlyList<PurchaseReturn> Returns, string DivisionName, string AccountNumber)
{
    public int Returned(PurchaseLine line) => Returns.SelectMany(r => r.Lines).Where(l => l.PurchaseLineId == line.Id).Sum(l => l.Quantity);

    public decimal LeftToRefund => Purchase.Total - Returns.Sum(r => r.Amount);
}

/// <summary>
/// Recording purchases (quick entry or lines, split payments, on account through the sale-on-account rules, points
/// redeemed as a discount and earned), returns, and layby releases as purchases (issue 18). Points and tier move in the
/// same transaction as the purchase.
/// </summary>
public sealed partial class PurchaseService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, AccountLedgerService ledger)
{
    private static readonly string[] Counter = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<PurchaseReceipt> RecordAsync(PurchaseInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        var overrideReason = TextRules.Optional(input.OverrideReason, 200, "override reason", "OverrideReason");
        if (overrideReason is not null)
        {
            currentUser.Require(Roles.CreditManager, Roles.Admin);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (input.RequestId is { } requestId
            && await db.Purchases.AsNoTracking().Include(p => p.Lines).Include(p => p.Payments).AsSplitQuery()
                .FirstOrDefaultAsync(p => p.RequestId == requestId, cancellationToken) is { } already)
        {
            var known = await db.DivisionAccounts.AsNoTracking().FirstAsync(a => a.Id == already.DivisionAccountId, cancellationToken);
            currentUser.RequireDivision(known.DivisionId);
            return new PurchaseReceipt(already, known.AccountNumber, known.LoyaltyPoints, already.TierAtPurchase, known.LoyaltyTier);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await AccountForAsync(db, input.CustomerId, input.DivisionId, cancellationToken);
        var standing = await CustomerStanding.OfAsync(db, account.CustomerId, cancellationToken);
        if (!standing.IsActive)
        {
            throw new DomainException($"{standing.CustomerNumber} is inactive; restore the customer before recording purchases.");
        }

        var (today, now, user) = (clock.Today, clock.UtcNow, currentUser.UserName);
        var terms = await LoyaltyPostings.TermsAsync(db, account.DivisionId, cancellationToken);
        IReadOnlyList<LotDeduction> redemption = [];
        var discount = 0m;
        if (input.PointsToRedeem > 0)
        {
            (redemption, discount) = await LoyaltyPostings.PlanRedemptionAsync(db, account, input.PointsToRedeem, today, cancellationToken);
        }

        var tierBefore = account.LoyaltyTier;
        var staffDiscount = await StaffDiscountPercentAsync(db, account, cancellationToken);
        var purchase = Purchase.Sale(account.CustomerId, account.DivisionId, account.Id, input.Lines, input.Total, input.Tenders,
            input.PointsToRedeem, discount, tierBefore, input.Till, input.ExternalReference, input.RequestId, today, now, user, staffDiscount);
        if (overrideReason is not null && purchase.OnAccount == 0)
        {
            throw new DomainException("An override is only for the part paid on account.", "OverrideReason");
        }

        var code = await DivisionCodeAsync(db, account.DivisionId, cancellationToken);
        purchase.AssignNumber(code, await db.TakeNextAsync($"PUR-{code}", cancellationToken));
        var earned = terms.PointsFor(purchase.Total, tierBefore);
        purchase.Earned(earned);
        db.Purchases.Add(purchase);
        if (purchase.OnAccount > 0)
        {
            // The same rules and posting as a sale on the Ledger tab (limit, overdue, blacklist, override); the purchase
            // is saved with it.
            var sale = await ledger.PostSaleAsync(db, account.Id, purchase.OnAccount, purchase.PurchaseNumber, Describe(purchase),
                overrideReason, confirmDuplicateReference: true, cancellationToken);
            purchase.PostedOnAccount(sale.Id);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        LoyaltyPostings.Deduct(db, account, PointEntryKind.Redemption, redemption, purchase.PurchaseNumber, today, now, user, purchase.Id);
        if (earned > 0)
        {
            LoyaltyPostings.Accrue(db, account, earned, terms, purchase.PurchaseNumber, today, now, user, purchase.Id);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        var tierAfter = await LoyaltyPostings.RecalculateTierAsync(db, account, terms, today, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PurchaseReceipt(purchase, account.AccountNumber, account.LoyaltyPoints, tierBefore, tierAfter);
    }

    /// <summary>
    /// The division's staff discount when the customer is one of the group's active employees (linked on the customer
    /// record), else null: applied to every purchase automatically, never typed at the till.
    /// </summary>
    private static async Task<decimal?> StaffDiscountPercentAsync(ICustomerDb db, DivisionAccount account, CancellationToken cancellationToken)
    {
        var percent = await db.Divisions.Where(d => d.Id == account.DivisionId).Select(d => d.StaffDiscountPercent).FirstAsync(cancellationToken);
        if (percent is null)
        {
            return null;
        }

        return await IsActiveEmployeeAsync(db, account.CustomerId, cancellationToken) ? percent : null;
    }

    /// <summary>Whether the customer is linked to one of the group's active employees (who get the staff discount).</summary>
    private static Task<bool> IsActiveEmployeeAsync(ICustomerDb db, int customerId, CancellationToken cancellationToken) =>
        (from c in db.Customers
         join e in db.Employees on c.LinkedEmployeeId equals e.Id
         where c.Id == customerId && e.IsActive
         select e.Id).AnyAsync(cancellationToken);

    /// <summary>A purchase with its lines, payments and returns, for a user who works in its division.</summary>
    public async Task<PurchaseDetail> GetAsync(int purchaseId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var purchase = await LoadAsync(db, purchaseId, tracked: false, cancellationToken);
        var returns = await ReturnsAsync(db, purchaseId, cancellationToken);
        var division = await db.Divisions.Where(d => d.Id == purchase.DivisionId).Select(d => d.Name).FirstAsync(cancellationToken);
        var account = await db.DivisionAccounts.Where(a => a.Id == purchase.DivisionAccountId).Select(a => a.AccountNumber).FirstAsync(cancellationToken);
        return new PurchaseDetail(purchase, returns, division, account);
    }

    /// <summary>
    /// Returns goods or refunds money against a purchase (whole or per line, with a reason; never more than bought): the
    /// part bought on account is credited to the account, the rest paid back; the purchase's points are taken back in
    /// proportion (those already spent stay spent) and the tier recalculated.
    /// </summary>
    public async Task<PurchaseReturn> ReturnAsync(int purchaseId, ReturnRequest request, Guid? requestId = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (requestId is { } id && await db.PurchaseReturns.AsNoTracking().Include(r => r.Lines)
                .FirstOrDefaultAsync(r => r.RequestId == id, cancellationToken) is { } already)
        {
            return already;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var purchase = await LoadAsync(db, purchaseId, tracked: false, cancellationToken);
        var earlier = await ReturnsAsync(db, purchaseId, cancellationToken);
        var (today, now, user) = (clock.Today, clock.UtcNow, currentUser.UserName);
        var planned = PurchaseReturn.Plan(purchase, earlier, request, requestId, today, now, user);
        if (planned.OnAccountCredit > 0)
        {
            var credit = await ledger.PostReturnCreditAsync(db, purchase.DivisionAccountId, planned.OnAccountCredit, purchase.PurchaseNumber,
                $"Return on {purchase.PurchaseNumber}: {planned.Reason}", cancellationToken);
            planned.PostedOnAccount(credit.Id);
        }

        db.PurchaseReturns.Add(planned);
        await db.SaveOrExplainAsync(cancellationToken);
        var account = await db.DivisionAccounts.FirstAsync(a => a.Id == purchase.DivisionAccountId, cancellationToken);
        if (planned.PointsToReverse > 0)
        {
            var points = await LoyaltyPostings.LedgerAsync(db, purchase.CustomerId, purchase.DivisionId, cancellationToken);
            var lot = await db.PointEntries.Where(e => e.PurchaseId == purchase.Id && e.Kind == PointEntryKind.Accrual)
                .Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
            LoyaltyPostings.Deduct(db, account, PointEntryKind.Reversal, points.PlanReversal(lot, planned.PointsToReverse),
                $"Return on {purchase.PurchaseNumber}", today, now, user, purchase.Id, planned.Id);
        }

        var terms = await LoyaltyPostings.TermsAsync(db, purchase.DivisionId, cancellationToken);
        await LoyaltyPostings.RecalculateTierAsync(db, account, terms, today, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return planned;
    }

    /// <summary>
    /// A released layby counts as a purchase (its items, paid by layby): earns points at the account's tier and moves the
    /// tier, inside the release's transaction. Called by <see cref="LaybyService.ReleaseAsync"/>.
    /// </summary>
    internal static async Task<Purchase?> RecordLaybyReleaseAsync(
        ICustomerDb db, Layby layby, BusinessTime clock, string userName, CancellationToken cancellationToken)
    {
        var account = await db.DivisionAccounts.Where(a => a.CustomerId == layby.CustomerId && a.DivisionId == layby.DivisionId)
            .OrderBy(a => a.Status == DivisionAccountStatus.Closed).ThenBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var items = await db.Laybys.Where(l => l.Id == layby.Id).SelectMany(l => l.Items).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        if (account is null || items.Count == 0 || items.Sum(i => i.LineTotal) <= 0)
        {
            return null;
        }

        var (today, now) = (clock.Today, clock.UtcNow);
        var terms = await LoyaltyPostings.TermsAsync(db, account.DivisionId, cancellationToken);
        var purchase = Purchase.LaybyRelease(account.CustomerId, account.DivisionId, account.Id, layby.Id, layby.LaybyNumber,
            items.Select(i => new PurchaseLineInput(i.Description, i.Sku, i.Quantity, i.UnitPrice)), account.LoyaltyTier, today, now, userName);
        var code = await DivisionCodeAsync(db, account.DivisionId, cancellationToken);
        purchase.AssignNumber(code, await db.TakeNextAsync($"PUR-{code}", cancellationToken));
        var earned = terms.PointsFor(purchase.Total, account.LoyaltyTier);
        purchase.Earned(earned);
        db.Purchases.Add(purchase);
        await db.SaveOrExplainAsync(cancellationToken);
        if (earned > 0)
        {
            LoyaltyPostings.Accrue(db, account, earned, terms, purchase.PurchaseNumber, today, now, userName, purchase.Id);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await LoyaltyPostings.RecalculateTierAsync(db, account, terms, today, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        return purchase;
    }

    private async Task<DivisionAccount> AccountForAsync(ICustomerDb db, int customerId, int divisionId, CancellationToken cancellationToken)
    {
        currentUser.RequireDivision(divisionId);
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.CustomerId == customerId && a.DivisionId == divisionId, cancellationToken);
        if (account is null)
        {
            var division = await db.Divisions.Where(d => d.Id == divisionId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("That division does not exist.");
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
            {
                throw new NotFoundException("That customer does not exist.");
            }

            throw new DomainException($"The customer has no account in {division}; open one first.", "DivisionId");
        }

        if (account.Status == DivisionAccountStatus.Closed)
        {
            throw new DomainException($"Account {account.AccountNumber} is closed; it takes no purchases.", "DivisionId");
        }

        return account;
    }

    private async Task<Purchase> LoadAsync(ICustomerDb db, int purchaseId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Purchases.Include(p => p.Lines.OrderBy(l => l.LineNumber)).Include(p => p.Payments).AsSplitQuery();
        var purchase = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == purchaseId, cancellationToken)
            ?? throw new NotFoundException("That purchase does not exist.");
        currentUser.RequireDivision(purchase.DivisionId);
        return purchase;
    }

    private static async Task<List<PurchaseReturn>> ReturnsAsync(ICustomerDb db, int purchaseId, CancellationToken cancellationToken) =>
        await db.PurchaseReturns.AsNoTracking().Include(r => r.Lines).Where(r => r.PurchaseId == purchaseId)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);

    private static Task<string> DivisionCodeAsync(ICustomerDb db, int divisionId, CancellationToken cancellationToken) =>
        db.Divisions.Where(d => d.Id == divisionId).Select(d => d.Code).FirstAsync(cancellationToken);

    private static string Describe(Purchase purchase)
    {
        var text = purchase.Lines.Count == 0
            ? $"Purchase {purchase.PurchaseNumber}"
            : string.Join(", ", purchase.Lines.Select(l => l.Quantity == 1 ? l.Description : $"{l.Quantity} × {l.Description}"));
        return text.Length <= 200 ? text : text[..197] + "...";
    }
}
