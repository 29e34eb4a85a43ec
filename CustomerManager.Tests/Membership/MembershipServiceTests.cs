using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Membership;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Purchases;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Membership;

/// <summary>
/// Membership per division account (issue 18, seed membership-customers.md) on a real SQLite database: each test makes
/// its own division, so a division's threshold sees only that test's accounts.
/// </summary>
public class MembershipServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private static int divisionCounter;

    [Fact]
    public async Task Apply_makes_exactly_the_previewed_accounts_members_tells_them_and_audits_it()
    {
        factory.Clock.Set("2026-11-30");
        var division = await NewDivisionAsync();
        var big = await ShopperAsync(division, 1_200m, 400m); // 1,600
        var exact = await ShopperAsync(division, 1_000m); // exactly the threshold
        var returned = await ShopperAsync(division, 1_500m); // 1,500 bought, 600 returned: 900
        await ReturnAsync(returned.CustomerId, 600m);
        var small = await ShopperAsync(division, 999.99m);
        var blacklisted = await ShopperAsync(division, 5_000m);
        await BlacklistAsync(blacklisted.CustomerId);
        var already = await ShopperAsync(division, 2_000m);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Service<MembershipService>().SetMemberAsync(already.AccountId, true);
        }

        using var admin = Actors.As("membership-admin", Roles.Admin);
        var preview = await Service<MembershipService>().PreviewAsync(division, 1_000m);

        Assert.Equal(2, preview.Count);
        Assert.Equal(2_600m, preview.TotalSpend);
        Assert.Equal([(big.AccountId, 1_600m), (exact.AccountId, 1_000m)], preview.Largest.Select(c => (c.AccountId, c.Spend)));
        var made = await Service<MembershipService>().ApplyAsync(division, 1_000m, preview.Count);

        Assert.Equal(2, made);
        await using var db = await Db();
        var members = await db.DivisionAccounts.Where(a => a.DivisionId == division && a.IsMember).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.MembershipChangedHow, a.MembershipChangedBy, a.MemberSinceUtc }).ToListAsync();
        Assert.Equal([big.AccountId, exact.AccountId, already.AccountId], members.Select(m => m.Id).Order());
        var applied = members.Where(m => m.Id != already.AccountId).ToList();
        Assert.All(applied, m => Assert.Equal((MembershipChange.Threshold, "membership-admin"), (m.MembershipChangedHow!.Value, m.MembershipChangedBy!)));
        Assert.All(applied, m => Assert.Equal(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), m.MemberSinceUtc!.Value.Date));
        var welcomed = await db.OutboxMessages.Where(m => m.IdempotencyKey!.StartsWith("membership:")).Select(m => m.CustomerId).ToListAsync();
        Assert.Contains(big.CustomerId, welcomed);
        Assert.Contains(exact.CustomerId, welcomed);
        Assert.Contains(already.CustomerId, welcomed); // the hand-made member was told too
        Assert.DoesNotContain(small.CustomerId, welcomed);
        Assert.DoesNotContain(returned.CustomerId, welcomed);
        var welcome = await db.OutboxMessages.Where(m => m.CustomerId == big.CustomerId && m.IdempotencyKey!.StartsWith("membership:")).SingleAsync();
        Assert.Contains("is now a member account", welcome.TextBody);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DivisionAccount) && a.EntityKey == big.AccountId.ToString()
            && a.ChangesJson.Contains("IsMember") && a.UserName == "membership-admin"));

        // Nothing qualifies any more: a second preview is empty and an apply of the old count is refused.
        Assert.Equal(0, (await Service<MembershipService>().PreviewAsync(division, 1_000m)).Count);
    }

    [Fact]
    public async Task Apply_refuses_when_the_accounts_changed_since_the_preview_and_changes_nothing()
    {
        factory.Clock.Set("2026-11-30");
        var division = await NewDivisionAsync();
        await ShopperAsync(division, 700m);
        using (Actors.As("membership-admin", Roles.Admin))
        {
            Assert.Equal(1, (await Service<MembershipService>().PreviewAsync(division, 500m)).Count);
        }

        await ShopperAsync(division, 800m); // a purchase between the preview and the apply

        using var admin = Actors.As("membership-admin", Roles.Admin);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Service<MembershipService>().ApplyAsync(division, 500m, expectedCount: 1));
        Assert.Equal("2 accounts qualify now, not the 1 previewed; purchases or memberships changed since. Preview again.", refused.Message);
        await using var db = await Db();
        Assert.False(await db.DivisionAccounts.AnyAsync(a => a.DivisionId == division && a.IsMember));
    }

    [Fact]
    public async Task A_cancelled_apply_leaves_every_account_as_it_was()
    {
        factory.Clock.Set("2026-11-30");
        var division = await NewDivisionAsync();
        await ShopperAsync(division, 300m);
        await ShopperAsync(division, 400m);
        using var admin = Actors.As("membership-admin", Roles.Admin);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnProgress(p =>
        {
            if (p.Total > 0)
            {
                cancel.Cancel(); // cancelled before the first chunk is written
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service<MembershipService>().ApplyAsync(division, 100m, 2, progress, cancel.Token));

        await using var db = await Db();
        Assert.False(await db.DivisionAccounts.AnyAsync(a => a.DivisionId == division && a.IsMember));
    }

    [Fact]
    public async Task The_daily_run_applies_only_where_automatic_membership_is_on_and_a_second_run_changes_nothing()
    {
        factory.Clock.Set("2026-11-30");
        var automatic = await NewDivisionAsync();
        var manual = await NewDivisionAsync();
        var qualifies = await ShopperAsync(automatic, 2_500m);
        var below = await ShopperAsync(automatic, 2_499.99m);
        var elsewhere = await ShopperAsync(manual, 9_000m);
        using var admin = Actors.As("system", Roles.Admin);
        await Service<MembershipService>().SetPolicyAsync(automatic, 2_500m, autoActivate: true);
        await Service<MembershipService>().SetPolicyAsync(manual, 100m, autoActivate: false);

        Assert.True(await Service<MembershipService>().RunAutoActivationAsync() >= 1);
        Assert.Equal(0, await Service<MembershipService>().RunAutoActivationAsync()); // nobody new: nothing twice

        await using var db = await Db();
        var state = await db.DivisionAccounts.Where(a => a.Id == qualifies.AccountId || a.Id == below.AccountId || a.Id == elsewhere.AccountId)
            .ToDictionaryAsync(a => a.Id, a => a.IsMember);
        Assert.Equal((true, false, false), (state[qualifies.AccountId], state[below.AccountId], state[elsewhere.AccountId]));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.CustomerId == qualifies.CustomerId && m.IdempotencyKey!.StartsWith("membership:")));
    }

    [Theory]
    [InlineData(-0.01, false, "The membership threshold must be between 0 and 100,000,000, in cents at most.")]
    [InlineData(10.001, false, "The membership threshold must be between 0 and 100,000,000, in cents at most.")]
    [InlineData(null, true, "Set a purchase threshold before turning on automatic membership.")]
    public async Task A_bad_policy_is_refused_with_its_reason_and_the_division_keeps_its_old_one(double? threshold, bool auto, string message)
    {
        var division = await NewDivisionAsync();
        using var admin = Actors.As("membership-admin", Roles.Admin);
        await Service<MembershipService>().SetPolicyAsync(division, 750m, autoActivate: false);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Service<MembershipService>().SetPolicyAsync(division, threshold is { } t ? (decimal)t : null, auto));

        Assert.Equal(message, refused.Message);
        await using var db = await Db();
        var saved = await db.Divisions.SingleAsync(d => d.Id == division);
        Assert.Equal((750m, false), (saved.MembershipThreshold, saved.AutoActivateMembership));
        var negative = await Assert.ThrowsAsync<DomainException>(() => Service<MembershipService>().PreviewAsync(division, -1m));
        Assert.Equal("Threshold", negative.Field);
    }

    [Fact]
    public async Task Only_admins_preview_and_apply_and_a_clerk_of_another_division_cannot_set_membership()
    {
        var division = await NewDivisionAsync();
        var shopper = await ShopperAsync(division, 100m);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<MembershipService>().PreviewAsync(division, 1m));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<MembershipService>().ApplyAsync(division, 1m, 1));
        }

        using (Actors.AsLimitedTo([1], "grocery-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<MembershipService>().SetMemberAsync(shopper.AccountId, true));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<MembershipService>().ListAsync(division, null, null, 0, 25));
        }

        using (Actors.AsLimitedTo([1], "grocery-accountant", Roles.Accountant))
        {
            var stats = await Service<MembershipService>().StatisticsAsync();
            Assert.Equal([1], stats.Divisions.Select(d => d.DivisionId));
        }

        await using var db = await Db();
        Assert.False((await db.DivisionAccounts.SingleAsync(a => a.Id == shopper.AccountId)).IsMember);
    }

    [Fact]
    public async Task Statistics_count_members_and_split_twelve_months_revenue_between_members_and_others()
    {
        factory.Clock.Set("2026-03-15");
        var division = await NewDivisionAsync();
        var member = await ShopperAsync(division, 500m);
        factory.Clock.Set("2026-11-30");
        var recentMember = await ShopperAsync(division, 250m, 50m);
        await ReturnAsync(recentMember.CustomerId, 30m);
        await ShopperAsync(division, 80m);
        await ShopperAsync(division, 0m); // an account with no purchases
        factory.Clock.Set("2025-11-30");
        var old = await ShopperAsync(division, 10_000m); // more than 12 months ago: not in the revenue
        factory.Clock.Set("2026-11-30");
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            factory.Clock.Set("2026-10-02");
            await Service<MembershipService>().SetMemberAsync(member.AccountId, true);
            factory.Clock.Set("2026-11-30");
            await Service<MembershipService>().SetMemberAsync(recentMember.AccountId, true);
            await Service<MembershipService>().SetMemberAsync(old.AccountId, true);
            await Service<MembershipService>().SetMemberAsync(old.AccountId, false); // ended again
        }

        using var accountant = Actors.As("books", Roles.Accountant);
        var stats = await Service<MembershipService>().StatisticsAsync();

        var row = stats.Divisions.Single(d => d.DivisionId == division);
        Assert.Equal((5, 2, 40.0m), (row.Accounts, row.Members, row.MemberShare));
        Assert.Equal(500m + 300m - 30m, row.MemberRevenue);
        Assert.Equal(80m, row.OtherRevenue);
        var joined = stats.NewMembers.Where(n => n.DivisionId == division).Select(n => (n.Year, n.Month, n.Count)).ToList();
        Assert.Equal([(2026, 10, 1), (2026, 11, 1)], joined);
    }

    [Fact]
    public async Task The_customer_list_filters_members_of_the_users_divisions_only()
    {
        var division = await NewDivisionAsync();
        var member = await ShopperAsync(division, 10m);
        var other = await ShopperAsync(division, 10m);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Service<MembershipService>().SetMemberAsync(member.AccountId, true);
        }

        string NumberOf(int id) => Service<CustomerService>().GetProfileAsync(id).Result.Customer.CustomerNumber;
        using (Actors.As("desk", Roles.Clerk))
        {
            var members = await Service<CustomerService>().ListAsync(new CustomerQuery { Member = true, DivisionId = division }, 0, 50);
            Assert.Equal([member.CustomerId], members.Items.Select(i => i.Id));
            var others = await Service<CustomerService>().ListAsync(new CustomerQuery { Member = false, DivisionId = division, Text = NumberOf(other.CustomerId) }, 0, 50);
            Assert.Equal([other.CustomerId], others.Items.Select(i => i.Id));
        }

        using (Actors.AsLimitedTo([1], "grocery-desk", Roles.Clerk))
        {
            // The membership is in a division this clerk does not work in: to them the customer is no member.
            var mine = await Service<CustomerService>().ListAsync(new CustomerQuery { Member = true, Text = NumberOf(member.CustomerId) }, 0, 50);
            Assert.Empty(mine.Items);
        }

        Assert.Equal("member=true", CustomerQueryString.Format(new CustomerQuery { Member = true }));
        Assert.False(CustomerQueryString.Parse("member=false").Member!.Value);
        Assert.Null(CustomerQueryString.Parse("member=maybe").Member);
    }

    [Fact]
    public async Task An_employee_customer_gets_the_divisions_staff_discount_before_points_and_others_do_not()
    {
        factory.Clock.Set("2026-11-30");
        var division = await NewDivisionAsync(staffDiscount: 12.5m);
        int employeeId;
        using (Actors.As("org-admin", Roles.Admin))
        {
            employeeId = (await Service<OrganisationService>().SaveEmployeeAsync(null, 0, new EmployeeInput("Sipho", "Staff", division, "Packer", null))).Id;
        }

        var staff = await ShopperAsync(division, CustomerTestData.Person() with { Type = CustomerType.Employee, LinkedEmployeeId = employeeId });
        var stranger = await ShopperAsync(division, 0m);
        using var clerk = Actors.As("till-clerk", Roles.Clerk);

        var discounted = await Service<PurchaseService>().RecordAsync(new PurchaseInput(staff.CustomerId, division,
            [new("Boots", "B-1", 1, 799.99m)], null, [new(Tender.Cash)]));
        var full = await Service<PurchaseService>().RecordAsync(new PurchaseInput(stranger.CustomerId, division, null, 799.99m, [new(Tender.Cash)]));

        Assert.Equal((799.99m, 100.00m, 699.99m, 12.5m), (discounted.Purchase.Subtotal, discounted.Purchase.StaffDiscount, discounted.Purchase.Total,
            discounted.Purchase.StaffDiscountPercent!.Value)); // 799.99 × 12.5 % = 99.99875 → 100.00
        Assert.Equal((0m, 799.99m), (full.Purchase.StaffDiscount, full.Purchase.Total));
        var spend = await Service<PurchaseService>().SpendAsync(staff.CustomerId);
        Assert.Equal(12.5m, spend.Accounts.Single().StaffDiscountPercent);
        Assert.Equal(699.99m, spend.Lifetime);
        var history = await Service<PurchaseService>().TimelineAsync(staff.CustomerId, new TimelineFilter());
        Assert.Contains("staff discount 12.5 %: −100.00", Assert.Single(history).Description);
        Assert.Null((await Service<PurchaseService>().SpendAsync(stranger.CustomerId)).Accounts.Single().StaffDiscountPercent);

        // A split payment has to add up to the discounted total.
        var refused = await Assert.ThrowsAsync<DomainException>(() => Service<PurchaseService>().RecordAsync(new PurchaseInput(staff.CustomerId, division,
            null, 200m, [new(Tender.Cash, 100m), new(Tender.Card, 100m)])));
        Assert.Equal("The payments add up to 200.00 but 175.00 is due.", refused.Message);
    }

    [Theory]
    [InlineData(0, "The staff discount must be above 0 and at most 50 %, or blank for none.")]
    [InlineData(50.01, "The staff discount must be above 0 and at most 50 %, or blank for none.")]
    [InlineData(10.005, "The staff discount must be above 0 and at most 50 %, or blank for none.")]
    public void A_staff_discount_outside_its_range_is_refused(double percent, string message)
    {
        var division = new Division(1, "Test", "TST", DivisionType.Other);
        var refused = Assert.Throws<DomainException>(() => division.SetStaffDiscount((decimal)percent));
        Assert.Equal((message, nameof(Division.StaffDiscountPercent)), (refused.Message, refused.Field));
        Assert.Null(division.StaffDiscountPercent);
    }

    [Fact]
    public void A_closed_or_blacklisted_account_cannot_become_a_member_and_setting_the_same_state_changes_nothing()
    {
        var account = new DivisionAccount(1, 1, "TST", 1, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var at = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        Assert.True(account.SetMembership(true, MembershipChange.Manual, "clerk", at));
        Assert.False(account.SetMembership(true, MembershipChange.Threshold, "system", at.AddDays(1)));
        Assert.Equal((at, "clerk", MembershipChange.Manual), (account.MemberSinceUtc!.Value, account.MembershipChangedBy!, account.MembershipChangedHow!.Value));
        Assert.True(account.SetMembership(false, MembershipChange.Manual, "admin", at.AddDays(2)));
        Assert.Equal(at, account.MemberSinceUtc); // kept: when it last joined

        account.SetCreditTerms(DivisionAccountStatus.Blacklisted, 0, 30, false, false);
        var refused = Assert.Throws<DomainException>(() => account.SetMembership(true, MembershipChange.Manual, "clerk", at));
        Assert.Equal("Account TST-CUST-000001 is blacklisted; it cannot become a member.", refused.Message);
        Assert.False(account.IsMember);
    }

    private async Task<int> NewDivisionAsync(decimal? staffDiscount = null)
    {
        var n = Interlocked.Increment(ref divisionCounter);
        var code = "M" + (char)('A' + (n / 26 % 26)) + (char)('A' + (n % 26));
        using var admin = Actors.As("org-admin", Roles.Admin);
        var division = await Service<OrganisationService>().CreateDivisionAsync(
            new DivisionInput($"Members {code} {Guid.NewGuid():N}"[..30], code, DivisionType.Other, StaffDiscountPercent: staffDiscount));
        return division.Id;
    }

    /// <summary>A new customer with an account in the division and cash purchases of the given totals (0: none).</summary>
    private Task<(int CustomerId, int AccountId)> ShopperAsync(int divisionId, params decimal[] purchases) =>
        ShopperAsync(divisionId, CustomerTestData.Person(), purchases);

    private async Task<(int CustomerId, int AccountId)> ShopperAsync(int divisionId, CustomerDetails details, params decimal[] purchases)
    {
        using var clerk = Actors.As("till-clerk", Roles.Clerk);
        var customer = await Service<CustomerService>().CreateAsync(details);
        var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, divisionId);
        foreach (var total in purchases.Where(p => p > 0))
        {
            await Service<PurchaseService>().RecordAsync(new PurchaseInput(customer.Id, divisionId, null, total, [new(Tender.Cash)]));
        }

        return (customer.Id, account.Id);
    }

    private async Task ReturnAsync(int customerId, decimal amount)
    {
        using var clerk = Actors.As("till-clerk", Roles.Clerk);
        await using var db = await Db();
        var purchaseId = await db.Purchases.Where(p => p.CustomerId == customerId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        await Service<PurchaseService>().ReturnAsync(purchaseId, new ReturnRequest(false, null, amount, Tender.Cash, "Changed their mind"));
    }

    private async Task BlacklistAsync(int customerId)
    {
        await using var db = await Db();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        customer.Blacklist("Fraud");
        await db.SaveChangesAsync();
    }

    private Task<ICustomerDb> Db() => factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private sealed class CancelOnProgress(Action<MembershipApplyProgress> report) : IProgress<MembershipApplyProgress>
    {
        public void Report(MembershipApplyProgress value) => report(value);
    }
}
