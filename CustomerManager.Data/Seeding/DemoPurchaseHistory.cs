using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Data.Seeding;

/// <summary>
/// Fourteen months of purchases for about 25 demo accounts, recorded through the purchase service on a clock set to each
/// day: quick entries and lines, cash, card, split and on-account payments, points redeemed and returns, so the profile's
/// Purchases tab, loyalty tiers and points have something real to show. The loyalty job then runs for today.
/// </summary>
internal static class DemoPurchaseHistory
{
    private static readonly (string Description, string Sku, decimal Price)[] Goods =
    [
        ("Bread loaf", "GRO-BRD", 18.99m), ("Milk 2 l", "GRO-MLK", 34.50m), ("Denim jeans", "CLO-JNS", 499m), ("Cotton shirt", "CLO-SHT", 279m),
        ("Cement 50 kg", "HRD-CEM", 95.50m), ("Paint 5 l", "HRD-PNT", 389m), ("Cordless drill", "HRD-DRL", 1299m), ("Family meal", "RES-FAM", 349m),
        ("Steel bars (bundle)", "CON-STL", 2450m), ("Bricks (pallet)", "CON-BRK", 3200m),
    ];

    public static async Task SeedAsync(IServiceProvider services, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var clock = new DayClock();
        var time = new BusinessTime(clock, services.GetRequiredService<BusinessTime>().Zone);
        var dbFactory = services.GetRequiredService<ICustomerDbFactory>();
        var user = services.GetRequiredService<ICurrentUser>();
        var purchases = new PurchaseService(dbFactory, user, time, new AccountLedgerService(dbFactory, user, time));
        var db = services.GetRequiredService<CustomerDbContext>();
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => a.Status == DivisionAccountStatus.Active && a.Id % 3 == 1)
            .OrderBy(a => a.Id).Take(25).Select(a => new { a.CustomerId, a.DivisionId, a.AllowCredit }).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            var count = 1 + random.Next(4);
            var big = random.Next(6) == 0; // a few big spenders reach Silver and Gold
            foreach (var day in Enumerable.Range(0, count).Select(_ => now.Date.AddDays(-random.Next(1, 420)).AddHours(8 + random.Next(9))).Order())
            {
                clock.Now = day;
                var withLines = random.Next(2) == 0;
                var lines = withLines
                    ? Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Goods[random.Next(Goods.Length)])
                        .Select(g => new PurchaseLineInput(g.Description, g.Sku, 1 + random.Next(big ? 12 : 3), g.Price)).ToList()
                    : null;
                decimal? total = withLines ? null : Math.Round(50m + ((decimal)random.NextDouble() * (big ? 6000m : 900m)), 2);
                IReadOnlyList<TenderInput> tenders = (random.Next(5), account.AllowCredit) switch
                {
                    (0, true) => [new TenderInput(Tender.OnAccount)],
                    (1, _) => [new TenderInput(Tender.Card)],
                    (2, _) when total is { } t => [new TenderInput(Tender.Cash, Math.Round(t / 2, 2)), new TenderInput(Tender.Card, t - Math.Round(t / 2, 2))],
                    _ => [new TenderInput(Tender.Cash)],
                };
                try
                {
                    var receipt = await purchases.RecordAsync(new PurchaseInput(account.CustomerId, account.DivisionId, lines, total, tenders,
                        Till: $"Till {1 + random.Next(4)}", RequestId: Guid.NewGuid()), cancellationToken);
                    if (random.Next(12) == 0)
                    {
                        clock.Now = clock.Now.AddDays(random.Next(1, 10));
                        await purchases.ReturnAsync(receipt.Purchase.Id, new ReturnRequest(true, null, null, Tender.Cash, "Changed their mind"),
                            Guid.NewGuid(), cancellationToken);
                    }
                    else if (receipt.PointsHeld > 500 && random.Next(4) == 0)
                    {
                        clock.Now = clock.Now.AddDays(1);
                        await purchases.RecordAsync(new PurchaseInput(account.CustomerId, account.DivisionId, null, 120m, [new TenderInput(Tender.Cash)],
                            PointsToRedeem: 500, RequestId: Guid.NewGuid()), cancellationToken);
                    }
                }
                catch (DomainException)
                {
                    // Over the credit limit, a blacklisted customer redeeming, a date before another: refused as at the till.
                }
            }
        }

        clock.Now = now;
        await new LoyaltyService(dbFactory, user, time).RunNightlyAsync(time.Today, cancellationToken);
        await SeedMembershipAsync(dbFactory, random, now, cancellationToken);
    }

    /// <summary>
    /// Membership for the demo: every division offers it from 1,500 of purchases (applied by an admin, not nightly);
    /// the accounts that bought that much joined on a day of the last year, so the statistics have months to show.
    /// Employees get 10 % off in Grocery and Clothing.
    /// </summary>
    private static async Task SeedMembershipAsync(ICustomerDbFactory dbFactory, Random random, DateTime now, CancellationToken cancellationToken)
    {
        // A context of its own: the seeding scope's context holds accounts as they were before the purchases.
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        const decimal threshold = 1_500m;
        foreach (var division in await db.Divisions.ToListAsync(cancellationToken))
        {
            division.SetMembershipPolicy(threshold, autoActivate: false);
            if (division.Code is "GRO" or "CLO")
            {
                division.SetStaffDiscount(10m);
            }
        }

        var spend = await db.Purchases.GroupBy(p => p.DivisionAccountId).Select(g => new { g.Key, Total = g.Sum(p => p.Total) }).ToListAsync(cancellationToken);
        var qualifying = spend.Where(s => s.Total >= threshold).Select(s => s.Key).ToList();
        foreach (var account in await db.DivisionAccounts.Where(a => qualifying.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
        {
            if (account.Status is DivisionAccountStatus.Active)
            {
                account.SetMembership(true, MembershipChange.Threshold, "admin", now.AddDays(-random.Next(0, 330)));
            }
        }

        // Segments the demo business uses; the biggest spenders are VIP accounts in "Trade".
        string[] segments = ["Students", "Trade", "Corporate"];
        foreach (var name in segments)
        {
            db.AccountSegments.Add(new AccountSegment(name));
        }

        foreach (var account in await db.DivisionAccounts.Where(a => a.IsMember && a.Status == DivisionAccountStatus.Active).OrderBy(a => a.Id).Take(3).ToListAsync(cancellationToken))
        {
            account.Classify(AccountType.Vip, "Trade", Tender.Card, segments);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed class DayClock : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
