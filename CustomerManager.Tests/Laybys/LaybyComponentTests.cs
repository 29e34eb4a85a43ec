using Bunit;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Laybys;

namespace CustomerManager.Tests.Laybys;

public class LaybyComponentTests : MudTestContext
{
    [Fact]
    public void The_schedule_preview_lists_each_instalment_and_shows_it_sums_to_total_plus_fees_minus_deposit()
    {
        var opened = new DateOnly(2026, 11, 22);
        var schedule = LaybySchedule.For(100m, LaybyFrequency.Monthly, opened, opened.AddMonths(3));
        var preview = new LaybyPreview(90m, 30m, 20m, 18m, schedule, LaybyRulesTests.Policy());

        var rendered = Render<LaybySchedulePreview>(p => p.Add(x => x.Preview, preview));

        var rows = rendered.FindAll("#schedule-preview tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("2026-12-22", rows[0].TextContent);
        Assert.Contains("33.33", rows[0].TextContent);
        Assert.Contains("33.34", rows[2].TextContent);
        Assert.Equal("100.00", rendered.Find("#schedule-sum").TextContent);
        Assert.Contains("Total 90.00 + fees 30.00 − deposit 20.00", rendered.Find("tfoot").TextContent);
    }

    [Fact]
    public void A_deposit_that_pays_everything_shows_no_instalments()
    {
        var preview = new LaybyPreview(100m, 0m, 100m, 20m, [], LaybyRulesTests.Policy());

        var rendered = Render<LaybySchedulePreview>(p => p.Add(x => x.Preview, preview));

        Assert.Empty(rendered.FindAll("#schedule-preview tbody tr"));
        Assert.Contains("no instalments", rendered.Markup);
    }
}
