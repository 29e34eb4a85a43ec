using Bunit;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Reports;

namespace CustomerManager.Tests.Reports;

public class DashboardViewTests : MudTestContext
{
    private static DashboardFigures Figures()
    {
        var today = new DateOnly(2026, 9, 15);
        var days = Enumerable.Range(0, ReportService.DashboardDays).Select(i => today.AddDays(i - ReportService.DashboardDays + 1))
            .Select(d => new CollectionRow(d.ToString("yyyy-MM-dd"), d, 1, d.Day == 10 ? 500m : 0m, 0m, 0m)).ToList();
        return new DashboardFigures(today, 3_300m, 3_600m, 300m, 100m, 2, 1_230m, 1_225m, 520m, new AgingBalances(3_500m, 0, 0, 100m, 0), days,
            [new LaybyStatusCount(LaybyStatus.Active, 2, 1_600m, 1_230m), new LaybyStatusCount(LaybyStatus.Completed, 1, 400m, 0m)],
            [new DivisionMonthRow(new DateOnly(2026, 9, 1), 4, "Hardware", 2_000m, 500m, 0m, 0m, 0)]);
    }

    [Fact]
    public void The_dashboard_shows_the_key_figures_with_the_change_on_last_month_and_four_charts()
    {
        var view = Render<DashboardView>(p => p.Add(x => x.Figures, Figures()));

        // Receivable is the aging total less unallocated credit, and says so.
        Assert.Equal("3,300.00", view.Find("#dash-receivable").TextContent.Trim());
        Assert.Equal("Open charges (aging total) 3,600.00 less unallocated credit 300.00", view.Find("#dash-receivable-parts").TextContent.Trim());
        Assert.Equal("100.00", view.Find("#dash-overdue").TextContent.Trim());
        Assert.Equal("2 · 1,230.00", view.Find("#dash-laybys").TextContent.Trim());
        Assert.Equal("1,225.00", view.Find("#dash-collections").TextContent.Trim());
        Assert.Equal("Last month 520.00 (+135.6 %)", view.Find("#dash-collections-last").TextContent.Trim());
        foreach (var chart in new[] { "#chart-collections", "#chart-aging", "#chart-laybys", "#chart-divisions" })
        {
            Assert.NotNull(view.Find(chart).QuerySelector(".mud-chart svg"));
        }
    }

    [Fact]
    public void Each_figure_and_chart_opens_its_report()
    {
        var view = Render<DashboardView>(p => p.Add(x => x.Figures, Figures()));

        Assert.Equal(["reports/aging", "reports/aging", "reports/laybys?show=active", "reports/collections"],
            view.FindAll("a.cm-dash-card").Select(a => a.GetAttribute("href")));
        Assert.Equal(["reports/collections", "reports/aging", "reports/laybys", "reports/divisions"],
            new[] { "#chart-collections", "#chart-aging", "#chart-laybys", "#chart-divisions" }
                .Select(id => view.Find(id).QuerySelector("a")!.GetAttribute("href")));
    }
}
