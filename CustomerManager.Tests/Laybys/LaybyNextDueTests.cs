using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Tests.Reports;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Laybys;
using CustomerManager.Web.Components.Shared;
using CustomerManager.Web.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Laybys;

/// <summary>
/// The layby grid against <see cref="ReportFixture"/> on 15 Sep 2026: L2 (505 over eleven weekly instalments of 45.90 and
/// a last of 46.00 from 8 Aug) has had nothing paid since its deposit, so six instalments (8 Aug to 12 Sep) are missed.
/// </summary>
public class LaybyNextDueTests : MudTestContext, IClassFixture<ReportFixture>
{
    private readonly ReportFixture fixture;

    public LaybyNextDueTests(ReportFixture fixture)
    {
        this.fixture = fixture;
        Services.AddLogging();
        Services.AddScoped(_ => fixture.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>());
        Services.AddScoped(_ => fixture.Services.CreateScope().ServiceProvider.GetRequiredService<OrganisationService>());
        Services.AddSingleton(fixture.Services.GetRequiredService<TabularExporter>());
        Services.AddScoped<UiFeedback>();
        AddAuthorization().SetAuthorized("rpt-clerk").SetRoles(Roles.Clerk);
    }

    [Fact]
    public void The_grid_shows_the_earliest_missed_instalment_as_next_due_with_the_overdue_amount_beside_it()
    {
        using var actor = Actors.As("rpt-clerk", Roles.Clerk);

        var grid = Render<LaybyGrid>(p => p.Add(g => g.CustomerId, fixture.Alpha.Id));

        grid.WaitForAssertion(() => Assert.Single(grid.FindAll("#laybys-grid tbody tr")), TimeSpan.FromSeconds(10));
        var row = grid.Find("#laybys-grid tbody tr");
        Assert.Equal("2026-08-08", row.QuerySelector(".cm-next-due")!.TextContent);
        Assert.Equal("· 275.40 overdue", row.QuerySelector(".cm-overdue")!.TextContent.Trim());
    }

    [Fact]
    public void A_layby_with_nothing_missed_shows_its_next_due_date_alone()
    {
        using var actor = Actors.As("rpt-clerk", Roles.Clerk);

        // L1 (Cara Charlie): monthly from 1 Sep, first instalment due 1 Oct, nothing missed yet.
        var grid = Render<LaybyGrid>(p => p.Add(g => g.CustomerId, fixture.Charlie.Id));

        grid.WaitForAssertion(() => Assert.Single(grid.FindAll("#laybys-grid tbody tr")), TimeSpan.FromSeconds(10));
        Assert.Equal("2026-10-01", grid.Find("#laybys-grid tbody tr .cm-next-due").TextContent);
        Assert.Empty(grid.FindAll(".cm-overdue"));
    }
}
