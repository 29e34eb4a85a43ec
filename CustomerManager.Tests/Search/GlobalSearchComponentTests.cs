using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Search;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Layout;
using CustomerManager.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Search;

/// <summary>The app bar's search against the real lookup: Enter opens a number's record, searches a name, or says "No …".</summary>
public class GlobalSearchComponentTests : MudTestContext, IClassFixture<SearchWorld>
{
    private readonly SearchWorld world;

    public GlobalSearchComponentTests(SearchWorld world)
    {
        this.world = world;
        Services.AddLogging();
        Services.AddScoped(_ => world.Service<RecordLookupService>());
        Services.AddScoped<UiFeedback>();
        Services.AddScoped<RecordNavigation>();
    }

    private async Task<string> TypeAndEnter(string typed)
    {
        var search = Render<GlobalSearch>();
        search.Find("#global-search").Input(typed);
        await search.Find("#global-search").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        return Services.GetRequiredService<NavigationManager>().Uri;
    }

    [Fact]
    public async Task A_loose_layby_number_opens_the_layby()
    {
        using var actor = Actors.As("global-search-clerk", Roles.Clerk);
        var uri = await TypeAndEnter(SearchWorld.Loose(world.Laybys.Clothing.LaybyNumber));
        Assert.EndsWith($"/laybys/{world.Laybys.Clothing.Id}", uri);
    }

    [Fact]
    public async Task A_name_searches_the_customers()
    {
        using var actor = Actors.As("global-search-clerk", Roles.Clerk);
        Assert.EndsWith("/customers?q=Khumalo%2C%20David", await TypeAndEnter("Khumalo, David"));
    }

    [Fact]
    public async Task A_number_that_matches_nothing_says_so_and_stays()
    {
        using var actor = Actors.As("global-search-clerk", Roles.Clerk);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var before = Services.GetRequiredService<NavigationManager>().Uri;

        Assert.Equal(before, await TypeAndEnter("lay-clo-999999"));
        snackbars.WaitForAssertion(() => Assert.Contains("No layby LAY-CLO-999999.", snackbars.Markup));
    }
}
