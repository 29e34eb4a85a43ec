using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Purchases;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Membership;

/// <summary>Account type, admin-defined segments and preferred payment on division accounts (issue 18).</summary>
public class AccountClassificationTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Clothing = 3;

    [Fact]
    public async Task A_credit_manager_classifies_an_account_with_an_offered_segment_and_the_profile_shows_it()
    {
        var segment = await AddSegmentAsync("Trade " + Guid.NewGuid().ToString("N")[..6]);
        var accountId = await factory.CreditAccountAsync(Clothing, 1_000m);
        using var manager = Actors.As("accounts-manager", Roles.CreditManager);

        await Accounts().SetClassificationAsync(accountId, await VersionAsync(accountId), AccountType.Wholesale, segment.Name.ToUpperInvariant(), Tender.BankTransfer);

        await using var db = await Db();
        var account = await db.DivisionAccounts.SingleAsync(a => a.Id == accountId);
        Assert.Equal((AccountType.Wholesale, segment.Name, Tender.BankTransfer), (account.AccountType, account.Segment!, account.PreferredTender!.Value));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DivisionAccount) && a.EntityKey == accountId.ToString()
            && a.ChangesJson.Contains("Wholesale")));
        var profile = await Service<CustomerService>().GetProfileAsync(account.CustomerId);
        Assert.Equal($"Wholesale · {segment.Name}", profile.Accounts.Single(a => a.Id == accountId).Treatment);
    }

    [Fact]
    public async Task A_retired_or_unknown_segment_is_refused_but_an_account_keeps_the_retired_segment_it_has()
    {
        var segment = await AddSegmentAsync("Students " + Guid.NewGuid().ToString("N")[..6]);
        var accountId = await factory.CreditAccountAsync(Clothing, 1_000m);
        var other = await factory.CreditAccountAsync(Clothing, 1_000m);
        using (Actors.As("accounts-manager", Roles.CreditManager))
        {
            await Accounts().SetClassificationAsync(accountId, await VersionAsync(accountId), AccountType.Vip, segment.Name, null);
        }

        using (Actors.As("org-admin", Roles.Admin))
        {
            await Service<OrganisationService>().SetSegmentActiveAsync(segment.Id, false);
        }

        using var manager = Actors.As("accounts-manager", Roles.CreditManager);
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await Accounts().SetClassificationAsync(other, await VersionAsync(other), AccountType.Retail, segment.Name, null));
        Assert.Equal($"\"{segment.Name}\" is not one of the business's segments; an admin adds segments under Organisation.", refused.Message);
        var unknown = await Assert.ThrowsAsync<DomainException>(async () =>
            await Accounts().SetClassificationAsync(other, await VersionAsync(other), AccountType.Retail, "Nobody knows", null));
        Assert.Equal("Segment", unknown.Field);

        // The account that had it can still be saved with it (e.g. its type changed).
        await Accounts().SetClassificationAsync(accountId, await VersionAsync(accountId), AccountType.Loyalty, segment.Name, Tender.Card);
        await using var db = await Db();
        Assert.Null((await db.DivisionAccounts.SingleAsync(a => a.Id == other)).Segment);
        Assert.Equal((AccountType.Loyalty, segment.Name), await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => ValueTuple.Create(a.AccountType, a.Segment!)).SingleAsync());
    }

    [Fact]
    public async Task Segments_are_unique_in_any_case_only_admins_add_them_and_only_supervisors_classify()
    {
        var name = "Corporate " + Guid.NewGuid().ToString("N")[..6];
        await AddSegmentAsync(name);
        using (Actors.As("org-admin", Roles.Admin))
        {
            var duplicate = await Assert.ThrowsAsync<DomainException>(() => Service<OrganisationService>().AddSegmentAsync("  " + name.ToLowerInvariant() + " "));
            Assert.Equal($"There is already a segment called \"{name.ToLowerInvariant()}\".", duplicate.Message);
            var blank = await Assert.ThrowsAsync<DomainException>(() => Service<OrganisationService>().AddSegmentAsync("   "));
            Assert.Equal("A segment needs a name of at most 50 characters.", blank.Message);
        }

        var accountId = await factory.CreditAccountAsync(Clothing, 1_000m);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<OrganisationService>().AddSegmentAsync("Clerks' own"));
            await Assert.ThrowsAsync<AccessDeniedException>(async () =>
                await Accounts().SetClassificationAsync(accountId, await VersionAsync(accountId), AccountType.Vip, null, null));
        }

        using (Actors.AsLimitedTo([1], "grocery-manager", Roles.CreditManager))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(async () =>
                await Accounts().SetClassificationAsync(accountId, await VersionAsync(accountId), AccountType.Vip, null, null));
        }

        await using var db = await Db();
        Assert.Equal(AccountType.Retail, (await db.DivisionAccounts.SingleAsync(a => a.Id == accountId)).AccountType);
    }

    private async Task<AccountSegment> AddSegmentAsync(string name)
    {
        using var admin = Actors.As("org-admin", Roles.Admin);
        return await Service<OrganisationService>().AddSegmentAsync(name);
    }

    private async Task<int> VersionAsync(int accountId)
    {
        await using var db = await Db();
        return await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.Version).SingleAsync();
    }

    private DivisionAccountService Accounts() => Service<DivisionAccountService>();

    private Task<ICustomerDb> Db() => factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
