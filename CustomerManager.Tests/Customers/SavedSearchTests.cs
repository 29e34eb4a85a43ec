using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Customers;

/// <summary>Saved searches of the customer list: private or shared, changed only by their owner or an admin.</summary>
public class SavedSearchTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly CustomerQuery Khumalo = new()
    {
        Text = "khumalo",
        Type = CustomerType.Business,
        Status = CustomerStatusFilter.All,
        DivisionId = 3,
        Tag = "vip",
        Blacklisted = false,
        Sort = CustomerSort.City,
        Descending = true,
    };

    [Fact]
    public void A_search_round_trips_through_the_url_and_defaults_are_left_out()
    {
        var text = CustomerQueryString.Format(Khumalo);
        Assert.Equal("q=khumalo&type=Business&status=All&division=3&tag=vip&blacklisted=false&sort=City&desc=true", text);
        Assert.Equal(Khumalo, CustomerQueryString.Parse("?" + text));
        Assert.Equal("", CustomerQueryString.Format(new CustomerQuery()));
        Assert.Equal(new CustomerQuery { Text = "a b&c" }, CustomerQueryString.Parse(CustomerQueryString.Format(new CustomerQuery { Text = "a b&c" })));
        Assert.Equal(new CustomerQuery(), CustomerQueryString.Parse("type=Alien&status=9&division=x&sort=Nope&desc=maybe"));
    }

    [Fact]
    public async Task Private_searches_are_invisible_to_others_and_shared_ones_are_listed_for_everyone()
    {
        int mine, shared;
        using (Actors.As("search-owner", Roles.Clerk))
        {
            mine = (await In().SaveAsync("My khumalos", Khumalo, shared: false)).Id;
            shared = (await In().SaveAsync("Team khumalos", Khumalo, shared: true)).Id;
            var own = await In().ListAsync();
            Assert.Contains(own, s => s.Id == mine && s.IsMine && s.CanChange);
        }

        using (Actors.As("search-other", Roles.Clerk))
        {
            var seen = await In().ListAsync();
            Assert.DoesNotContain(seen, s => s.Id == mine);
            var team = Assert.Single(seen, s => s.Id == shared);
            Assert.Equal(("search-owner", false, false), (team.OwnerUserName, team.IsMine, team.CanChange));
            Assert.Equal(Khumalo, CustomerQueryString.Parse(team.Query));
            await Assert.ThrowsAsync<NotFoundException>(() => In().RenameAsync(mine, "Taken"));
            await Assert.ThrowsAsync<NotFoundException>(() => In().DeleteAsync(mine));
        }
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_renames_shares_or_deletes()
    {
        int id;
        using (Actors.As("search-owner2", Roles.Accountant))
        {
            id = (await In().SaveAsync("Blacklisted businesses", Khumalo with { Blacklisted = true }, shared: true)).Id;
            Assert.Equal("Blacklisted firms", (await In().RenameAsync(id, "  Blacklisted firms ")).Name);
            var empty = await Assert.ThrowsAsync<DomainException>(() => In().RenameAsync(id, " "));
            Assert.Equal("Name", empty.Field);
        }

        using (Actors.As("search-other2", Roles.CreditManager))
        {
            var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => In().RenameAsync(id, "Mine now"));
            Assert.Contains("search-owner2", refused.Message);
            await Assert.ThrowsAsync<AccessDeniedException>(() => In().DeleteAsync(id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In().ShareAsync(id, false));
        }

        using (Actors.As("search-admin", Roles.Admin))
        {
            Assert.False((await In().ShareAsync(id, false)).IsShared);
            await In().DeleteAsync(id);
        }

        using (Actors.As("search-owner2", Roles.Accountant))
        {
            Assert.DoesNotContain(await In().ListAsync(), s => s.Id == id);
        }
    }

    private SavedSearchService In() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<SavedSearchService>();
}
