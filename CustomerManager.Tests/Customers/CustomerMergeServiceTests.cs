using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Customers;

public class CustomerMergeServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string CreditManager = "credit-merge";

    private sealed record Pair(Customer Survivor, Customer Merged, DivisionAccount SurvivorClothing, DivisionAccount MergedClothing, DivisionAccount MergedRestaurant);

    private sealed record Snapshot(CustomerDetails Details, IReadOnlyList<string> Tags, bool IsActive, int? MergedIntoId, bool IsBlacklisted);

    private sealed record AccountRow(int Id, int CustomerId, DivisionAccountStatus Status, string AccountNumber);

    /// <summary>
    /// John (survivor, Durban, born 1980, tag vip, a clothing account) and Jon with the same surname (merged, Pretoria,
    /// tags layby and vip, clothing and restaurant accounts), registered as "not a duplicate" of each other.
    /// </summary>
    private async Task<Pair> PairAsync()
    {
        using var actor = Actors.As("clerk-merge", Roles.Clerk);
        using var scope = factory.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
        var surname = "Ln" + Token();
        var survivor = await customers.CreateAsync(Person("John", surname) with { City = "Durban", DateOfBirth = new DateOnly(1980, 1, 31), Tags = ["vip"] });
        var merged = await customers.CreateAsync(Person("Jon", surname) with { City = "Pretoria", Tags = ["layby", "VIP"] }, [survivor.Id]);
        var clothing = await DivisionIdAsync(scope.ServiceProvider, "CLO");
        var restaurant = await DivisionIdAsync(scope.ServiceProvider, "RES");
        return new Pair(
            survivor, merged,
            await accounts.OpenAsync(survivor.Id, clothing),
            await accounts.OpenAsync(merged.Id, clothing),
            await accounts.OpenAsync(merged.Id, restaurant));
    }

    private async Task<T> AsCreditManagerAsync<T>(Func<CustomerMergeService, Task<T>> action)
    {
        using var actor = Actors.As(CreditManager, Roles.CreditManager);
        using var scope = factory.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<CustomerMergeService>());
    }

    private Task<int> MergeAsync(Pair pair, params string[] takeFromMerged) =>
        AsCreditManagerAsync(m => m.MergeAsync(pair.Survivor.Id, pair.Merged.Id, takeFromMerged));

    private Task UndoAsync(int mergeId) => AsCreditManagerAsync(async m =>
    {
        await m.UndoAsync(mergeId);
        return 0;
    });

    private async Task<Customer> LoadAsync(int id)
    {
        using var actor = Actors.As("accountant-merge", Roles.Accountant);
        using var scope = factory.Scope();
        return (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(id)).Customer;
    }

    private async Task<Snapshot> SnapshotAsync(int id)
    {
        var c = await LoadAsync(id);
        return new Snapshot(c.Details() with { Tags = [] }, c.Tags.Select(t => t.Tag).Order().ToList(), c.IsActive, c.MergedIntoId, c.IsBlacklisted);
    }

    private async Task<List<AccountRow>> AccountsAsync(Pair pair)
    {
        using var scope = factory.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var ids = new[] { pair.SurvivorClothing.Id, pair.MergedClothing.Id, pair.MergedRestaurant.Id };
        return await db.DivisionAccounts.Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id)
            .Select(a => new AccountRow(a.Id, a.CustomerId, a.Status, a.AccountNumber)).ToListAsync();
    }

    private async Task<int> CountAccountsAsync()
    {
        using var scope = factory.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.DivisionAccounts.CountAsync();
    }

    private static void AssertSame(Snapshot expected, Snapshot actual)
    {
        Assert.Equal(expected.Details, actual.Details);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal((expected.IsActive, expected.MergedIntoId, expected.IsBlacklisted), (actual.IsActive, actual.MergedIntoId, actual.IsBlacklisted));
    }

    [Fact]
    public async Task The_preview_lists_only_the_fields_that_differ_with_both_values()
    {
        var pair = await PairAsync();

        var preview = await AsCreditManagerAsync(m => m.PreviewAsync(pair.Survivor.Id, pair.Merged.Id));

        Assert.Equal(["FirstName", "DateOfBirth", "PrimaryEmail", "PrimaryPhone", "City"], preview.Fields.Select(f => f.Field));
        var fields = preview.Fields.ToDictionary(f => f.Field);
        Assert.Equal(("First name", "John", "Jon"), (fields["FirstName"].Label, fields["FirstName"].SurvivorValue, fields["FirstName"].MergedValue));
        Assert.Equal(("1980-01-31", null), (fields["DateOfBirth"].SurvivorValue, fields["DateOfBirth"].MergedValue));
        Assert.Equal((pair.Survivor.PrimaryEmail, pair.Merged.PrimaryEmail), (fields["PrimaryEmail"].SurvivorValue, fields["PrimaryEmail"].MergedValue));
        Assert.Equal(("Durban", "Pretoria"), (fields["City"].SurvivorValue, fields["City"].MergedValue));
        Assert.Equal(pair.Survivor.CustomerNumber, preview.Survivor.Customer.CustomerNumber);
        Assert.Equal([pair.MergedClothing.AccountNumber, pair.MergedRestaurant.AccountNumber], preview.Merged.Accounts.Select(a => a.AccountNumber).Order());
    }

    [Fact]
    public async Task Merging_moves_accounts_closes_the_doubled_division_applies_chosen_fields_and_keeps_the_merged_record()
    {
        var pair = await PairAsync();
        var totalBefore = await CountAccountsAsync();

        var mergeId = await MergeAsync(pair, "PrimaryEmail", "City");

        Assert.Equal(totalBefore, await CountAccountsAsync());
        var accounts = (await AccountsAsync(pair)).ToDictionary(a => a.Id);
        Assert.Equal((pair.Survivor.Id, DivisionAccountStatus.Active), (accounts[pair.SurvivorClothing.Id].CustomerId, accounts[pair.SurvivorClothing.Id].Status));
        Assert.Equal((pair.Survivor.Id, DivisionAccountStatus.Active), (accounts[pair.MergedRestaurant.Id].CustomerId, accounts[pair.MergedRestaurant.Id].Status));
        Assert.Equal(DivisionAccountStatus.Closed, accounts[pair.MergedClothing.Id].Status);
        Assert.Equal(pair.MergedRestaurant.AccountNumber, accounts[pair.MergedRestaurant.Id].AccountNumber);

        var survivor = await LoadAsync(pair.Survivor.Id);
        Assert.Equal(pair.Merged.PrimaryEmail, survivor.PrimaryEmail);
        Assert.Equal("Pretoria", survivor.City);
        Assert.Equal(("John", pair.Survivor.PrimaryPhone, new DateOnly(1980, 1, 31)), (survivor.FirstName, survivor.PrimaryPhone, survivor.DateOfBirth));
        Assert.Equal(["layby", "vip"], survivor.Tags.Select(t => t.Tag).Order());
        Assert.True(survivor.IsActive);

        var merged = await LoadAsync(pair.Merged.Id);
        Assert.False(merged.IsActive);
        Assert.Equal(pair.Survivor.Id, merged.MergedIntoId);
        Assert.Null(merged.PrimaryEmail);
        Assert.Equal(pair.Merged.CustomerNumber, merged.CustomerNumber);

        using var actor = Actors.As(CreditManager, Roles.CreditManager);
        using var scope = factory.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var profile = await customers.GetProfileAsync(pair.Merged.Id);
        Assert.Equal(pair.Survivor.CustomerNumber, profile.MergedIntoNumber);
        Assert.Equal([pair.Survivor.Id], (await customers.SearchAsync(new CustomerQuery { Text = pair.Merged.PrimaryEmail }, 0, 10)).Items.Select(i => i.Id));
        Assert.DoesNotContain(pair.Merged.Id, (await customers.SearchAsync(new CustomerQuery { Text = pair.Merged.CustomerNumber }, 0, 10)).Items.Select(i => i.Id));

        var history = await customers.HistoryAsync(pair.Survivor.Id);
        Assert.Contains(history, h => h.UserName == CreditManager
            && h.Changes.Any(c => c.Field == "PrimaryEmail" && c.OldValue == pair.Survivor.PrimaryEmail && c.NewValue == pair.Merged.PrimaryEmail));

        var recent = await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().RecentAsync(pair.Survivor.Id);
        var summary = Assert.Single(recent);
        Assert.Equal((mergeId, pair.Survivor.CustomerNumber, pair.Merged.CustomerNumber, CreditManager, false),
            (summary.Id, summary.SurvivorNumber, summary.MergedNumber, summary.MergedBy, summary.IsUndone));
    }

    [Fact]
    public async Task Undoing_a_merge_restores_both_customers_and_their_accounts_exactly()
    {
        var pair = await PairAsync();
        var survivorBefore = await SnapshotAsync(pair.Survivor.Id);
        var mergedBefore = await SnapshotAsync(pair.Merged.Id);
        var accountsBefore = await AccountsAsync(pair);
        var totalBefore = await CountAccountsAsync();

        var mergeId = await MergeAsync(pair, "PrimaryEmail", "City", "FirstName", "DateOfBirth");
        Assert.Equal("Jon", (await LoadAsync(pair.Survivor.Id)).FirstName);
        await UndoAsync(mergeId);

        AssertSame(survivorBefore, await SnapshotAsync(pair.Survivor.Id));
        AssertSame(mergedBefore, await SnapshotAsync(pair.Merged.Id));
        Assert.Equal(accountsBefore, await AccountsAsync(pair));
        Assert.Equal(totalBefore, await CountAccountsAsync());
        Assert.True((await AsCreditManagerAsync(m => m.RecentAsync(pair.Merged.Id))).Single().IsUndone);
    }

    [Fact]
    public async Task A_merge_cannot_be_undone_twice()
    {
        var pair = await PairAsync();
        var mergeId = await MergeAsync(pair);
        await UndoAsync(mergeId);

        var refused = await Assert.ThrowsAsync<DomainException>(() => UndoAsync(mergeId));
        Assert.Contains($"already undone by {CreditManager}", refused.Message);
        Assert.True((await LoadAsync(pair.Merged.Id)).IsActive);
    }

    [Fact]
    public async Task A_merge_cannot_be_undone_after_the_survivor_was_edited()
    {
        var pair = await PairAsync();
        var mergeId = await MergeAsync(pair, "City");
        var survivor = await LoadAsync(pair.Survivor.Id);
        using (Actors.As("clerk-after-merge", Roles.Clerk))
        {
            using var scope = factory.Scope();
            await scope.ServiceProvider.GetRequiredService<CustomerService>()
                .UpdateAsync(survivor.Id, survivor.Version, survivor.Details() with { Address = "12 Long Street" });
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => UndoAsync(mergeId));
        Assert.Contains(pair.Survivor.CustomerNumber, refused.Message);
        var merged = await LoadAsync(pair.Merged.Id);
        Assert.Equal((false, pair.Survivor.Id), (merged.IsActive, merged.MergedIntoId));
        Assert.Equal("12 Long Street", (await LoadAsync(pair.Survivor.Id)).Address);
        Assert.Equal(pair.Survivor.Id, (await AccountsAsync(pair)).Single(a => a.Id == pair.MergedRestaurant.Id).CustomerId);
    }

    [Fact]
    public async Task A_merge_cannot_be_undone_after_a_moved_account_changed()
    {
        var pair = await PairAsync();
        var mergeId = await MergeAsync(pair);
        using (Actors.As(CreditManager, Roles.CreditManager))
        {
            using var scope = factory.Scope();
            var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
            var moved = await accounts.GetAsync(pair.MergedRestaurant.Id);
            await accounts.SetCreditTermsAsync(moved.Id, moved.Version, new CreditTermsInput(DivisionAccountStatus.Active, 1000m, 30, true, true, LoyaltyTier.Bronze));
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => UndoAsync(mergeId));
        Assert.Contains(pair.MergedRestaurant.AccountNumber, refused.Message);
    }

    [Fact]
    public async Task A_customer_already_merged_cannot_be_merged_again()
    {
        var pair = await PairAsync();
        var other = await PairAsync();
        await MergeAsync(pair);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            AsCreditManagerAsync(m => m.MergeAsync(other.Survivor.Id, pair.Merged.Id, [])));
        Assert.Contains(pair.Merged.CustomerNumber, refused.Message);
        Assert.Null((await LoadAsync(other.Survivor.Id)).MergedIntoId);
    }

    [Fact]
    public async Task A_merge_of_a_customer_with_itself_or_with_an_unknown_field_is_refused()
    {
        var pair = await PairAsync();
        await Assert.ThrowsAsync<DomainException>(() => AsCreditManagerAsync(m => m.MergeAsync(pair.Survivor.Id, pair.Survivor.Id, [])));
        await Assert.ThrowsAsync<DomainException>(() => AsCreditManagerAsync(m => m.PreviewAsync(pair.Survivor.Id, pair.Survivor.Id)));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => AsCreditManagerAsync(m => m.MergeAsync(pair.Survivor.Id, pair.Merged.Id, ["Balance"])));
        Assert.Contains("Balance", unknown.Message);
        Assert.True((await LoadAsync(pair.Merged.Id)).IsActive);
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Accountant)]
    public async Task Only_credit_managers_and_admins_merge(string role)
    {
        var pair = await PairAsync();
        using (Actors.As("not-allowed", role))
        {
            using var scope = factory.Scope();
            var merges = scope.ServiceProvider.GetRequiredService<CustomerMergeService>();
            await Assert.ThrowsAsync<AccessDeniedException>(() => merges.PreviewAsync(pair.Survivor.Id, pair.Merged.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => merges.MergeAsync(pair.Survivor.Id, pair.Merged.Id, []));
            await Assert.ThrowsAsync<AccessDeniedException>(() => merges.UndoAsync(1));
            await Assert.ThrowsAsync<AccessDeniedException>(() => merges.RecentAsync());
        }

        Assert.True((await LoadAsync(pair.Merged.Id)).IsActive);
        using (Actors.As("admin-merge", Roles.Admin))
        {
            using var scope = factory.Scope();
            await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().MergeAsync(pair.Survivor.Id, pair.Merged.Id, []);
        }

        Assert.Equal(pair.Survivor.Id, (await LoadAsync(pair.Merged.Id)).MergedIntoId);
    }
}
