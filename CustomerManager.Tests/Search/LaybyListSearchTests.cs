using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Search;

/// <summary>Issue 12: the layby list's search box, by layby number, customer name or number, with the other filters.</summary>
public class LaybyListSearchTests(SearchWorld world) : IClassFixture<SearchWorld>
{
    private async Task<IReadOnlyList<int>> ListAsync(string? text, int? divisionId = null)
    {
        using var actor = Actors.As("layby-search-clerk", Roles.Clerk);
        var page = await world.Service<LaybyService>().ListAsync(null, divisionId, LaybyListFilter.All, null, text, 0, 20);
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(i => i.Id).Order().ToList();
    }

    private int[] DavidsLaybys => [.. new[] { world.Laybys.Clothing.Id, world.Laybys.Hardware.Id }.Order()];

    [Fact]
    public async Task A_layby_number_exact_or_loose_finds_that_layby_only()
    {
        var number = world.Laybys.Hardware.LaybyNumber;

        Assert.Equal([world.Laybys.Hardware.Id], await ListAsync(number));
        Assert.Equal([world.Laybys.Hardware.Id], await ListAsync(SearchWorld.Loose(number)));
        Assert.Equal([world.Laybys.Clothing.Id], await ListAsync(world.LaybyReceipts.Clothing));
        Assert.Empty(await ListAsync("LAY-HRD-999999"));
    }

    [Theory]
    [InlineData("khu")]
    [InlineData("David Khumalo")]
    [InlineData("Khumalo, David")]
    public async Task A_customer_name_finds_that_customers_laybys(string typed) =>
        Assert.Equal(DavidsLaybys, await ListAsync(typed));

    [Fact]
    public async Task A_customer_number_finds_that_customers_laybys_and_an_account_number_that_accounts_division()
    {
        Assert.Equal(DavidsLaybys, await ListAsync(world.David.CustomerNumber));
        Assert.Equal([world.ThandisLayby.Id], await ListAsync(SearchWorld.Loose(world.Thandi.CustomerNumber)));
        Assert.Equal([world.Laybys.Clothing.Id], await ListAsync(world.Accounts.Clothing.AccountNumber));
    }

    [Fact]
    public async Task The_search_works_with_the_division_filter_and_the_export_streams_what_it_shows()
    {
        Assert.Equal([world.Laybys.Clothing.Id], await ListAsync("Khumalo", SearchWorld.Clothing));
        Assert.Equal(new[] { world.ThandisLayby.Id, world.Laybys.Clothing.Id }.Order(), await ListAsync(null, SearchWorld.Clothing));

        using var actor = Actors.As("layby-search-export", Roles.Accountant);
        var streamed = new List<int>();
        await foreach (var row in world.Service<LaybyService>().StreamAsync(null, null, LaybyListFilter.All, null, "dlamini"))
        {
            streamed.Add(row.Id);
        }

        Assert.Equal([world.ThandisLayby.Id], streamed);
    }
}
