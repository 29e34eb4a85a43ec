using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Purchases;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Purchases;

/// <summary>Purchases, returns, points and tiers through the services on a real SQLite database (issue 18).</summary>
public class PurchaseServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Grocery = 1;
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public async Task A_purchase_on_account_posts_the_sale_earns_points_and_moves_the_tier_in_one_go()
    {
        factory.Clock.Set("2026-11-30");
        var accountId = await factory.CreditAccountAsync(Hardware, 20_000m);
        var customerId = await CustomerOfAsync(accountId);
        using var actor = Actors.As("till-clerk", Roles.Clerk);

        var receipt = await Purchases().RecordAsync(new PurchaseInput(customerId, Hardware,
            [new("Cement 50 kg", "CEM-50", 40, 95.50m), new("Wheelbarrow", "WB-1", 1, 1_380m)], null,
            [new(Tender.Card, 2_000m), new(Tender.OnAccount, 3_200m)], Till: "Till 3", ExternalReference: "POS-1001"));

        Assert.Matches(@"^PUR-HRD-\d{6}$", receipt.Purchase.PurchaseNumber);
        Assert.Equal(5_200m, receipt.Purchase.Total); // 40 × 95.50 + 1,380
        Assert.Equal(5_200, receipt.Purchase.PointsEarned); // Bronze: 1 point per unit
        Assert.Equal(5_200, receipt.PointsHeld);
        Assert.Equal((LoyaltyTier.Bronze, LoyaltyTier.Silver), (receipt.TierBefore, receipt.TierAfter)); // 5,200 ≥ 5,000
        var ledger = await Ledger().LedgerAsync(accountId);
        var sale = Assert.Single(ledger).Entry;
        Assert.Equal((AccountEntryKind.SaleOnAccount, 3_200m, receipt.Purchase.PurchaseNumber), (sale.Kind, sale.Amount, sale.Reference));
        Assert.Equal(sale.Id, receipt.Purchase.AccountEntryId);
        await using var db = await Db();
        var account = await db.DivisionAccounts.SingleAsync(a => a.Id == accountId);
        Assert.Equal((3_200m, 5_200, LoyaltyTier.Silver), (account.Balance, account.LoyaltyPoints, account.LoyaltyTier));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DivisionAccount) && a.EntityKey == accountId.ToString()
            && a.ChangesJson.Contains("LoyaltyTier") && a.ChangesJson.Contains("Silver")));
    }

    [Fact]
    public async Task A_purchase_over_the_credit_limit_is_refused_and_nothing_is_recorded_unless_a_credit_manager_overrides()
    {
        factory.Clock.Set("2026-11-30");
        var accountId = await factory.CreditAccountAsync(Hardware, 1_000m);
        var customerId = await CustomerOfAsync(accountId);
        var input = new PurchaseInput(customerId, Hardware, null, 1_500m, [new(Tender.OnAccount)], RequestId: Guid.NewGuid());
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => Purchases().RecordAsync(input));
            Assert.Contains("over the credit limit of 1,000.00", refused.Message);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Purchases().RecordAsync(input with { OverrideReason = "Known builder" }));
        }

        await using (var db = await Db())
        {
            Assert.False(await db.Purchases.AnyAsync(p => p.CustomerId == customerId));
            Assert.False(await db.PointEntries.AnyAsync(p => p.CustomerId == customerId));
            Assert.Equal(0m, (await db.DivisionAccounts.SingleAsync(a => a.Id == accountId)).Balance);
        }

        using (Actors.As("till-manager", Roles.CreditManager))
        {
            var receipt = await Purchases().RecordAsync(input with { OverrideReason = "Known builder, paying Friday" });
            var again = await Purchases().RecordAsync(input with { OverrideReason = "Known builder, paying Friday" });
            Assert.Equal(receipt.Purchase.Id, again.Purchase.Id); // the same request id records once
            Assert.Equal("Known builder, paying Friday", Assert.Single(await Ledger().LedgerAsync(accountId)).Entry.OverrideReason);
        }
    }

    [Fact]
    public async Task Points_are_redeemed_as_a_discount_oldest_expiring_first_never_more_than_held_and_not_when_blacklisted()
    {
        factory.Clock.Set("2026-01-10");
        var (customerId, accountId) = await CashCustomerAsync(Clothing);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 300m, [new(Tender.Cash)])); // 300 points, expire 2027-01-10
            factory.Clock.Set("2026-03-01");
            await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 500m, [new(Tender.Card)])); // 500 points, expire 2027-03-01

            var tooMany = await Assert.ThrowsAsync<DomainException>(() =>
                Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 100m, [new(Tender.Cash)], PointsToRedeem: 801)));
            Assert.Equal("Only 800 points are held; 801 cannot be redeemed.", tooMany.Message);

            var receipt = await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 100m, [new(Tender.Cash)], PointsToRedeem: 400));
            Assert.Equal((4m, 96m, 96), (receipt.Purchase.Discount, receipt.Purchase.Total, receipt.Purchase.PointsEarned)); // 400 × 0.01
            Assert.Equal(800 - 400 + 96, receipt.PointsHeld);
        }

        await using (var db = await Db())
        {
            var redeemed = await db.PointEntries.Where(e => e.CustomerId == customerId && e.Kind == PointEntryKind.Redemption).OrderBy(e => e.Id).ToListAsync();
            var lots = await db.PointEntries.Where(e => e.CustomerId == customerId && e.Kind == PointEntryKind.Accrual).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([(lots[0].Id, -300), (lots[1].Id, -100)], redeemed.Select(e => (e.LotId!.Value, e.Points)));
        }

        using (Actors.As("till-manager", Roles.CreditManager))
        {
            var profile = await Service<CustomerService>().GetProfileAsync(customerId);
            await Service<CustomerService>().SetBlacklistAsync(customerId, profile.Customer.Version, true, "Fraudulent returns");
        }

        using (Actors.As("till-clerk", Roles.Clerk))
        {
            var blacklisted = await Assert.ThrowsAsync<DomainException>(() => Service<LoyaltyService>().RedeemAsync(accountId, 10, "POS"));
            Assert.EndsWith("is blacklisted; points cannot be redeemed.", blacklisted.Message);
        }
    }

    [Fact]
    public async Task A_line_return_credits_the_account_part_takes_back_its_points_and_can_drop_the_tier()
    {
        factory.Clock.Set("2026-11-30");
        var accountId = await factory.CreditAccountAsync(Clothing, 10_000m);
        var customerId = await CustomerOfAsync(accountId);
        using var actor = Actors.As("till-clerk", Roles.Clerk);
        var receipt = await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing,
            [new("Suit", "S-1", 2, 2_000m), new("Tie", null, 2, 250m)], null, [new(Tender.OnAccount, 3_000m), new(Tender.Cash, 1_500m)]));
        Assert.Equal(LoyaltyTier.Bronze, receipt.TierAfter); // 4,500 < 5,000
        var top = await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 600m, [new(Tender.Cash)]));
        Assert.Equal(LoyaltyTier.Silver, top.TierAfter); // 5,100
        var suit = receipt.Purchase.Lines.Single(l => l.Description == "Suit");

        var back = await Purchases().ReturnAsync(receipt.Purchase.Id, new ReturnRequest(false, [new(suit.Id, 1)], null, Tender.Cash, "Seam torn"));

        Assert.Equal((2_000m, 2_000m, 0m, 2_000), (back.Amount, back.OnAccountCredit, back.Refunded, back.PointsToReverse));
        var credit = (await Ledger().LedgerAsync(accountId)).Last().Entry;
        Assert.Equal((AccountEntryKind.Adjustment, -2_000m), (credit.Kind, credit.Amount));
        Assert.Equal(credit.Id, back.AccountEntryId);
        var tooMany = await Assert.ThrowsAsync<DomainException>(() =>
            Purchases().ReturnAsync(receipt.Purchase.Id, new ReturnRequest(false, [new(suit.Id, 2)], null, Tender.Cash, "Both")));
        Assert.Equal("Line 1 (Suit): 2 cannot be returned; 1 of 2 bought are left to return.", tooMany.Message);
        var spend = await Purchases().SpendAsync(customerId);
        var clothing = Assert.Single(spend.Accounts);
        Assert.Equal((3_100m, 3_100m, 5_100 - 2_000, LoyaltyTier.Bronze), (clothing.Lifetime, clothing.TwelveMonths, clothing.Points, clothing.Tier));
        Assert.Equal((LoyaltyTier.Silver, 1_900m), (clothing.NextTier!.Value, clothing.MissingForNextTier));
        Assert.Equal(1_000m, (await Ledger().LedgerAsync(accountId)).Last().RunningBalance); // 3,000 on account − 2,000 credited
    }

    [Fact]
    public async Task A_released_layby_is_a_purchase_in_the_history_beside_sales_on_account_and_returns()
    {
        factory.Clock.Set("2026-11-30");
        var accountId = await factory.CreditAccountAsync(Clothing, 5_000m);
        var customerId = await CustomerOfAsync(accountId);
        using var actor = Actors.As("till-clerk", Roles.Clerk);
        var layby = await Service<LaybyService>().OpenAsync(new OpenLaybyInput(customerId, Clothing, [new LaybyItemInput("Leather jacket", "LJ-9", 1, 1_200m)],
            300m, PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2027, 1, 30), Guid.NewGuid()));
        await Service<LaybyService>().PayAsync(layby.Id, layby.Balance, PaymentMethod.Card, null, Guid.NewGuid());
        layby = await Service<LaybyService>().GetAsync(layby.Id);
        Assert.Equal(LaybyStatus.Completed, layby.Status);
        await Service<LaybyService>().ReleaseAsync(layby.Id, layby.Version);
        await Ledger().RecordSaleAsync(accountId, 150m, "INV-77", "Alterations");
        var shop = await Purchases().RecordAsync(new PurchaseInput(customerId, Clothing, null, 80m, [new(Tender.Cash)]));
        await Purchases().ReturnAsync(shop.Purchase.Id, new ReturnRequest(true, null, null, Tender.Cash, "Duplicate"));

        var timeline = await Purchases().TimelineAsync(customerId, new TimelineFilter());

        Assert.Equal(
            [(TimelineKind.LaybyRelease, 1_200m, 1_200), (TimelineKind.SaleOnAccount, 150m, 0), (TimelineKind.Purchase, 80m, 80), (TimelineKind.Return, -80m, -80)],
            timeline.OrderBy(t => t.Kind == TimelineKind.Purchase ? 2.5 : (double)t.Kind).Select(t => (t.Kind, t.Amount, t.Points)));
        Assert.Equal(layby.LaybyNumber, (await Purchases().GetAsync(timeline.Single(t => t.Kind == TimelineKind.LaybyRelease).PurchaseId!.Value)).Purchase.ExternalReference);
        Assert.Single(await Purchases().TimelineAsync(customerId, new TimelineFilter(Kind: TimelineKind.SaleOnAccount)));
        Assert.Empty(await Purchases().TimelineAsync(customerId, new TimelineFilter(DivisionId: Hardware)));
        Assert.Equal(1_200, (await Purchases().SpendAsync(customerId)).Accounts.Single().Points);
    }

    [Fact]
    public async Task Roles_and_divisions_are_checked_for_reads_and_writes()
    {
        factory.Clock.Set("2026-11-30");
        var (customerId, _) = await CashCustomerAsync(Hardware);
        int purchaseId;
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            purchaseId = (await Purchases().RecordAsync(new PurchaseInput(customerId, Hardware, null, 100m, [new(Tender.Cash)]))).Purchase.Id;
        }

        using (Actors.AsLimitedTo([Clothing], "clothing-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Purchases().RecordAsync(new PurchaseInput(customerId, Hardware, null, 100m, [new(Tender.Cash)])));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Purchases().GetAsync(purchaseId));
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                Purchases().ReturnAsync(purchaseId, new ReturnRequest(true, null, null, Tender.Cash, "x")));
            Assert.Empty(await Purchases().TimelineAsync(customerId, new TimelineFilter()));
            Assert.Empty((await Purchases().SpendAsync(customerId)).Accounts);
        }

        using (Actors.As("reader", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Purchases().RecordAsync(new PurchaseInput(customerId, Hardware, null, 100m, [new(Tender.Cash)])));
            Assert.Single(await Purchases().TimelineAsync(customerId, new TimelineFilter()));
        }

        using (Actors.As("till-clerk", Roles.Clerk))
        {
            var noAccount = await Assert.ThrowsAsync<DomainException>(() => Purchases().RecordAsync(new PurchaseInput(customerId, Grocery, null, 10m, [new(Tender.Cash)])));
            Assert.Equal("The customer has no account in Grocery; open one first.", noAccount.Message);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<LoyaltyService>().SaveAsync(Hardware, LoyaltyTerms.Default));
        }
    }

    [Fact]
    public async Task The_nightly_run_expires_points_after_the_programmes_months_and_recalculates_tiers_once()
    {
        factory.Clock.Set("2026-11-30");
        using (Actors.As("loyalty-admin", Roles.Admin))
        {
            await Service<LoyaltyService>().SaveAsync(Grocery, LoyaltyTerms.Default with { ExpiryMonths = 3, SilverFrom = 1_000m });
        }

        var (customerId, accountId) = await CashCustomerAsync(Grocery);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Purchases().RecordAsync(new PurchaseInput(customerId, Grocery, null, 1_000m, [new(Tender.Cash)])); // Silver, 1,000 points to 2027-02-28
            factory.Clock.Set("2027-01-15");
            await Purchases().RecordAsync(new PurchaseInput(customerId, Grocery, null, 200m, [new(Tender.Cash)])); // 250 points at Silver, to 2027-04-15
            await Purchases().RecordAsync(new PurchaseInput(customerId, Grocery, null, 10m, [new(Tender.Cash)], PointsToRedeem: 100));
        }

        using var admin = Actors.As("loyalty-admin", Roles.Admin);
        factory.Clock.Set("2027-03-01");
        var first = await Service<LoyaltyService>().RunNightlyAsync(new DateOnly(2027, 3, 1));
        var second = await Service<LoyaltyService>().RunNightlyAsync(new DateOnly(2027, 3, 1));

        Assert.Equal(900, first.PointsExpired); // 1,000 less the 100 redeemed from that (oldest-expiring) lot
        Assert.Equal(0, second.PointsExpired);
        await using (var db = await Db())
        {
            var account = await db.DivisionAccounts.SingleAsync(a => a.Id == accountId);
            Assert.Equal(250 + 11, account.LoyaltyPoints); // the 10.00 purchase, 9.00 paid after 1.00 off, earned floor(9 × 1.25) at Silver
        }

        factory.Clock.Set("2027-12-01");
        await Service<LoyaltyService>().RunNightlyAsync(new DateOnly(2027, 12, 1));
        await using (var db = await Db())
        {
            Assert.Equal(LoyaltyTier.Bronze, (await db.DivisionAccounts.SingleAsync(a => a.Id == accountId)).LoyaltyTier); // 209 in 12 months, below 1,000
        }
    }

    private async Task<(int CustomerId, int AccountId)> CashCustomerAsync(int divisionId)
    {
        using var actor = Actors.As("till-clerk", Roles.Clerk);
        var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
        var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, divisionId);
        return (customer.Id, account.Id);
    }

    private async Task<int> CustomerOfAsync(int accountId)
    {
        await using var db = await Db();
        return await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.CustomerId).SingleAsync();
    }

    private Task<ICustomerDb> Db() => factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private PurchaseService Purchases() => Service<PurchaseService>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();
}
