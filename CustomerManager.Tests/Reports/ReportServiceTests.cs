using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Reports;

/// <summary>Every report's figures against the history of <see cref="ReportFixture"/>, worked out by hand.</summary>
public class ReportServiceTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly DateOnly September1 = new(2026, 9, 1);
    private static readonly DateOnly September15 = new(2026, 9, 15);

    [Fact]
    public async Task The_customer_report_sums_each_customers_accounts_and_totals_every_matching_customer()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var (page, totals) = await Reports().CustomerListAsync(new CustomerReportFilter { Sort = CustomerReportSort.Balance, Descending = true }, 0, 2);

        // Alpha: Hardware 1,000 − 400 + 2,000 − 500 = 2,100 (limit 10,000) and Clothing 0; Bravo: 1,500 (limit 1,000) and Clothing 0.
        Assert.Equal(3, page.TotalCount);
        Assert.Equal([("Ada Alpha", 2, 2_100m, 10_000m), ("Ben Bravo", 2, 1_500m, 1_000m)],
            page.Items.Select(r => (r.FullName, r.Accounts, r.Balance, r.CreditLimit)));
        Assert.Equal(new CustomerReportTotals(3, 5, 3_600m, 11_000m), totals);

        var hardware = await Reports().CustomerListAsync(new CustomerReportFilter { DivisionId = fixture.Hardware }, 0, 25);
        Assert.Equal(["Ada Alpha", "Ben Bravo"], hardware.Page.Items.Select(r => r.FullName));
        Assert.Equal(new CustomerReportTotals(2, 2, 3_600m, 11_000m), hardware.Totals);

        var since = await Reports().CustomerListAsync(new CustomerReportFilter { RegisteredFrom = new DateOnly(2026, 8, 1), RegisteredTo = September1 }, 0, 25);
        Assert.Equal(["Ben Bravo", "Cara Charlie"], since.Page.Items.Select(r => r.FullName));

        var streamed = new List<CustomerReportRow>();
        await foreach (var row in Reports().StreamCustomerListAsync(new CustomerReportFilter { Sort = CustomerReportSort.Number }))
        {
            streamed.Add(row);
        }

        Assert.Equal([fixture.Alpha.CustomerNumber, fixture.Bravo.CustomerNumber, fixture.Charlie.CustomerNumber], streamed.Select(r => r.CustomerNumber));
    }

    [Fact]
    public async Task Credit_outstanding_shows_limits_balances_utilisation_and_who_is_over_the_limit()
    {
        using var actor = Actors.As("rpt-credit-manager", Roles.CreditManager);

        var report = await Reports().CreditOutstandingAsync(null, overLimitOnly: false);

        // Clothing accounts allow no credit and owe nothing: only the two Hardware accounts count.
        var hardware = Assert.Single(report.Divisions);
        Assert.Equal(("Hardware", 2, 1, 11_000m, 3_600m, 7_400m, 0.3273m),
            (hardware.Division, hardware.Accounts, hardware.OverLimit, hardware.CreditLimit, hardware.Balance, hardware.Available, hardware.Utilisation));
        Assert.Equal((3_600m, 11_000m), (report.Total.Balance, report.Total.CreditLimit));
        Assert.Equal([("Ada Alpha", 2_100m, 7_900m, 0.21m, 0), ("Ben Bravo", 1_500m, 0m, 1.5m, 1)],
            report.Customers.Select(c => (c.CustomerName, c.Balance, c.Available, c.Utilisation!.Value, c.OverLimit)));

        var over = await Reports().CreditOutstandingAsync(fixture.Hardware, overLimitOnly: true);
        Assert.Equal(["Ben Bravo"], over.Customers.Select(c => c.CustomerName));
        Assert.Empty((await Reports().CreditOutstandingAsync(fixture.Clothing, false)).Customers);
    }

    [Fact]
    public async Task Layby_status_counts_by_status_and_lists_overdue_due_this_week_and_completed_this_month()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var report = await Reports().LaybyStatusAsync(null);

        // L1: 1,000 + 25 − 200 − 100 = 725 owed; L2: 600 + 25 − 120 = 505; L3: 400 + 25 − 425 = 0, completed.
        Assert.Equal((2, 1_600m, 1_230m), Of(report, LaybyStatus.Active));
        Assert.Equal((1, 400m, 0m), Of(report, LaybyStatus.Completed));
        Assert.Equal((0, 0m, 0m), Of(report, LaybyStatus.Cancelled));
        // L2 owes 505 in all, of which six missed weekly instalments of 45.90 (8 Aug to 12 Sep) are overdue.
        Assert.Equal((1, 505m, 275.40m), (report.Overdue, report.OverdueBalance, report.OverdueAmount));
        Assert.Equal((1, 505m), (report.DueThisWeek, report.DueThisWeekBalance));
        Assert.Equal((1, 400m), (report.CompletedThisMonth, report.CompletedThisMonthTotal));

        var overdue = Assert.Single(await Reports().LaybyListAsync(null, LaybyReportView.Overdue));
        // Next due is the earliest unpaid instalment (8 Aug), with the six missed ones (8 Aug to 12 Sep, 45.90 each) overdue.
        Assert.Equal((fixture.L2.LaybyNumber, "Ada Alpha", 600m, 120m, 505m, new DateOnly(2026, 8, 8), 275.40m),
            (overdue.LaybyNumber, overdue.CustomerName, overdue.Total, overdue.Paid, overdue.Balance, overdue.NextDue, overdue.Overdue));
        Assert.Equal([fixture.L2.LaybyNumber], (await Reports().LaybyListAsync(fixture.Clothing, LaybyReportView.DueThisWeek)).Select(l => l.LaybyNumber));
        var completed = Assert.Single(await Reports().LaybyListAsync(null, LaybyReportView.CompletedThisMonth));
        Assert.Equal((fixture.L3.LaybyNumber, 425m, 0m), (completed.LaybyNumber, completed.Paid, completed.Balance));
        var open = await Reports().LaybyListAsync(null, LaybyReportView.Active);
        // By layby number: L2 was opened first.
        Assert.Equal([(fixture.L2.LaybyNumber, 120m, 505m), (fixture.L1.LaybyNumber, 300m, 725m)], open.Select(l => (l.LaybyNumber, l.Paid, l.Balance)));
        Assert.Empty(await Reports().LaybyListAsync(fixture.Hardware, LaybyReportView.Active));
    }

    [Fact]
    public async Task Collections_by_day_method_division_and_clerk_net_reversals_on_the_day_they_happen()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var byDay = await Reports().CollectionsAsync(September1, September15, null, CollectionGrouping.Day);
        Assert.Equal(
            [
                ("2026-09-01", 2, 300m, 200m, 0m, 500m),
                ("2026-09-02", 1, 0m, 425m, 0m, 425m),
                ("2026-09-03", 0, 0m, 0m, 300m, -300m),
                ("2026-09-10", 2, 500m, 100m, 0m, 600m),
            ],
            byDay.Select(r => (r.Group, r.Payments, r.AccountPayments, r.LaybyPayments, r.Reversed, r.Net)));
        Assert.Equal(1_225m, byDay.Sum(r => r.Net));

        var byMethod = await Reports().CollectionsAsync(September1, September15, null, CollectionGrouping.Method);
        Assert.Equal([("Card", 925m), ("Cash", 200m), ("Mobile money", 100m), ("Bank transfer", 0m)], byMethod.Select(r => (r.Group, r.Net)));

        var byDivision = await Reports().CollectionsAsync(September1, September15, null, CollectionGrouping.Division);
        Assert.Equal([("Clothing", 725m), ("Hardware", 500m)], byDivision.Select(r => (r.Group, r.Net)));

        var byClerk = await Reports().CollectionsAsync(September1, September15, null, CollectionGrouping.Clerk);
        Assert.Equal([("rpt-credit", 925m, 300m, 625m), ("rpt-clerk", 600m, 0m, 600m)],
            byClerk.Select(r => (r.Group, r.AccountPayments + r.LaybyPayments, r.Reversed, r.Net)));

        var august = await Reports().CollectionsAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31), fixture.Hardware, CollectionGrouping.Day);
        Assert.Equal([("2026-08-05", 400m)], august.Select(r => (r.Group, r.Net)));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Reports().CollectionsAsync(September15, September1, null, CollectionGrouping.Day));
        Assert.Equal("From", refused.Field);
    }

    [Fact]
    public async Task Division_performance_gives_each_divisions_month_of_sales_payments_layby_money_and_new_customers()
    {
        using var actor = Actors.As("rpt-admin", Roles.Admin);

        var rows = await Reports().DivisionPerformanceAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1), null);

        Assert.Equal(4 * 5, rows.Count); // four months, five divisions
        Assert.Equal(
            [
                ("2026-06", 1_000m, 0m, 0m, 0m, 1),
                ("2026-07", 0m, 0m, 0m, 0m, 0),
                ("2026-08", 1_500m, 400m, 0m, 0m, 1),
                ("2026-09", 2_000m, 500m, 0m, 0m, 0),
            ],
            Rows(rows, "Hardware"));
        Assert.Equal(
            [
                ("2026-06", 0m, 0m, 0m, 0m, 0),
                ("2026-07", 0m, 0m, 0m, 0m, 0),
                ("2026-08", 0m, 0m, 120m, 0m, 1),
                ("2026-09", 0m, 0m, 625m, 100m, 2),
            ],
            Rows(rows, "Clothing"));
        Assert.All(rows.Where(r => r.Division is not ("Hardware" or "Clothing")), r => Assert.Equal(0m, r.SalesOnAccount + r.Collected + r.NewCustomers));
        Assert.Equal(4, (await Reports().DivisionPerformanceAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1), fixture.Clothing)).Count);
    }

    [Fact]
    public async Task Customer_lifetime_value_adds_what_each_customer_paid_in_every_division_highest_first()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var all = await Reports().CustomerLifetimeValueAsync(null, null);

        // Alpha: 400 + 500 on account, 120 layby deposit; Bravo: 300 − 300 reversed on account, 425 layby; Charlie: 200 + 100 layby.
        Assert.Equal(
            [
                (1, "Ada Alpha", 2, 900m, 120m, 1_020m, "2026-08-01", "2026-09-10"),
                (2, "Ben Bravo", 2, 0m, 425m, 425m, "2026-09-01", "2026-09-03"),
                (3, "Cara Charlie", 1, 0m, 300m, 300m, "2026-09-01", "2026-09-10"),
            ],
            all.Select(r => (r.Rank, r.CustomerName, r.Divisions, r.AccountPayments, r.LaybyPayments, r.TotalPaid,
                r.FirstPayment.ToString("yyyy-MM-dd"), r.LastPayment.ToString("yyyy-MM-dd"))));
        Assert.Equal(["Ada Alpha"], (await Reports().CustomerLifetimeValueAsync(null, 1)).Select(r => r.CustomerName));
        Assert.Equal([("Ada Alpha", 900m)], (await Reports().CustomerLifetimeValueAsync(fixture.Hardware, null)).Select(r => (r.CustomerName, r.TotalPaid)));
    }

    [Fact]
    public async Task The_dashboard_shows_the_same_figures_as_the_reports_it_opens()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var dashboard = await Reports().DashboardAsync();

        // Aging at 15 Sep: Alpha's 5 Jun sale (due 5 Jul, 72 days late) has 100 open after 400 and 500; the 2 Sep sale
        // (2,000) and Bravo's 1,500 (due 19 Sep) are current.
        Assert.Equal(new AgingBalances(3_500m, 0, 0, 100m, 0), dashboard.Aging);
        // Every payment here is allocated: no unallocated credit, so the receivable is the aging total.
        Assert.Equal((3_600m, 3_600m, 0m, 100m), (dashboard.TotalReceivable, dashboard.AgingTotal, dashboard.UnallocatedCredit, dashboard.Overdue60Plus));
        Assert.Equal((2, 1_230m), (dashboard.ActiveLaybys, dashboard.ActiveLaybyBalance));
        Assert.Equal((1_225m, 520m), (dashboard.CollectedThisMonth, dashboard.CollectedLastMonth));
        Assert.Equal(ReportService.DashboardDays, dashboard.CollectionsByDay.Count);
        Assert.Equal(September15, dashboard.CollectionsByDay[^1].Day);
        Assert.Equal(1_225m, dashboard.CollectionsByDay.Where(d => d.Day >= September1).Sum(d => d.Net));
        Assert.Equal(2_000m, dashboard.DivisionsThisMonth.Single(d => d.Division == "Hardware").SalesOnAccount);
        var aging = await Statements().AgingReportAsync(September15, null);
        Assert.Equal(aging.Overall.Buckets, dashboard.Aging);
    }

    [Fact]
    public async Task A_clerk_cannot_run_any_report()
    {
        using var actor = Actors.As("rpt-clerk-2", Roles.Clerk);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().CustomerListAsync(new CustomerReportFilter(), 0, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().CreditOutstandingAsync(null, false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().LaybyStatusAsync(null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().CollectionsAsync(September1, September15, null, CollectionGrouping.Day));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().DivisionPerformanceAsync(September1, September1, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().CustomerLifetimeValueAsync(null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports().DashboardAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
        {
            await foreach (var _ in Reports().StreamCustomerListAsync(new CustomerReportFilter()))
            {
            }
        });
    }

    private static (int, decimal, decimal) Of(LaybyStatusReport report, LaybyStatus status) =>
        report.ByStatus.Where(s => s.Status == status).Select(s => (s.Count, s.Total, s.Balance)).Single();

    private static IEnumerable<(string, decimal, decimal, decimal, decimal, int)> Rows(IEnumerable<DivisionMonthRow> rows, string division) =>
        rows.Where(r => r.Division == division)
            .Select(r => (r.Month.ToString("yyyy-MM"), r.SalesOnAccount, r.AccountPayments, r.LaybyDeposits, r.LaybyPayments, r.NewCustomers));

    private ReportService Reports() => fixture.Service<ReportService>();

    private StatementService Statements() => fixture.Service<StatementService>();
}
