using System.Net;
using System.Security.Claims;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Exports;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Reports;
using CustomerManager.Web.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Reports;

/// <summary>
/// Each report's export (the same definitions the pages use) over <see cref="ReportFixture"/>: the .xlsx passes the Open
/// XML validator and reads back with numbers, dates and totals; the PDF passes pdfinfo and shows the totals.
/// </summary>
public class ReportExportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly DateOnly September1 = new(2026, 9, 1);
    private static readonly DateOnly September15 = new(2026, 9, 15);

    [Fact]
    public async Task The_customer_report_exports_every_customer_with_ten_typed_columns_and_totals()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);
        var export = ReportExports.CustomerList(Reports(), new CustomerReportFilter { Sort = CustomerReportSort.Balance, Descending = true }, null, 3);

        var sheet = await XlsxAsync(export);

        Assert.Equal(10, sheet.Rows[sheet.RowStarting("Number")].Count);
        var rows = sheet.DataRows("Number");
        Assert.Equal(["Ada Alpha", "Ben Bravo", "Cara Charlie"], rows.Select(r => r[1].Value));
        Assert.Equal(("number", new DateTime(2026, 6, 1), "yyyy-mm-dd"), (rows[0][6].Kind, rows[0][6].Date, rows[0][6].NumberFormat));
        Assert.Equal((2_100m, "number"), (rows[0][8].Number, rows[0][8].Kind));
        Assert.Contains("#,##0.00", rows[0][8].NumberFormat);
        Assert.Equal([5m, 3_600m, 11_000m], sheet.TotalsRow.Skip(7).Select(c => c.Number));
        Assert.Equal("SUM(I10:I12)", sheet.TotalsRow[8].Formula); // title, six filters, a blank row, the header on row 9
        Assert.Matches(@"Total\s+5\s+3,600\.00\s+11,000\.00", await PdfTextAsync(export));
    }

    [Fact]
    public async Task Another_spreadsheet_reader_sees_numbers_as_numbers_dates_as_dates_a_frozen_header_and_the_totals()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);
        var export = ReportExports.CustomerList(Reports(), new CustomerReportFilter { Sort = CustomerReportSort.Balance, Descending = true }, null, 3);

        var sheet = await OpenPyxl.ReadAsync(await ExportWriterTests.WriteAsync(new XlsxTableWriter(), export));

        var header = sheet.Rows.ToList().FindIndex(r => r[0].Text == "Number");
        Assert.Equal($"A{header + 2}", sheet.FrozenAt);
        var first = sheet.Rows[header + 1];
        Assert.Equal("Ada Alpha", first[1].Text);
        Assert.Equal(("datetime", "2026-06-01 00:00:00"), (first[6].Type, first[6].Text));
        Assert.True(first[8].Type is "float" or "int", first[8].Type);
        Assert.Equal(2_100m, decimal.Parse(first[8].Text!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("#,##0.00", first[8].Format);
        Assert.Equal("=SUM(I10:I12)", sheet.Rows[header + 4][8].Text);
    }

    [Fact]
    public async Task The_aging_export_carries_the_as_of_date_in_its_name_and_totals_per_bucket()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);
        var report = await fixture.Service<StatementService>().AgingReportAsync(September15, fixture.Hardware);
        var export = ReportExports.Aging(report, report.Rows, "Hardware");

        var sheet = await XlsxAsync(export);

        Assert.Equal("aging-2026-09-15.xlsx", ExportValues.FileName(export, new XlsxTableWriter(), new DateOnly(2030, 1, 1)));
        Assert.Equal(["As of", "2026-09-15"], sheet.Rows[1].Select(c => c.Value));
        Assert.Equal(["Division", "Hardware"], sheet.Rows[2].Select(c => c.Value));
        Assert.Equal(2, sheet.DataRows("Account").Count);
        // Current, 1-30, 31-60, 61-90, 90+, credit, balance.
        Assert.Equal([3_500m, 0m, 0m, 100m, 0m, 0m, 3_600m], sheet.TotalsRow.Skip(4).Select(c => c.Number));
        Assert.Matches(@"Total\s+3,500\.00\s+0\.00\s+0\.00\s+100\.00\s+0\.00\s+0\.00\s+3,600\.00", await PdfTextAsync(export));
    }

    [Fact]
    public async Task Credit_exports_total_limits_and_balances_and_compute_utilisation_from_the_totals()
    {
        using var actor = Actors.As("rpt-credit", Roles.CreditManager);
        var byDivision = ReportExports.CreditByDivision(Reports(), null, false, null);
        var report = await Reports().CreditOutstandingAsync(null, false);
        var byCustomer = ReportExports.CreditByCustomer(report.Customers, null, false);

        var divisions = await XlsxAsync(byDivision);
        var customers = await XlsxAsync(byCustomer);

        Assert.Equal([2m, 1m, 11_000m, 3_600m, 7_400m, 0.3273m], divisions.TotalsRow.Skip(1).Select(c => c.Number));
        Assert.Equal("0.00%", divisions.TotalsRow[6].NumberFormat);
        Assert.Null(divisions.TotalsRow[6].Formula);
        Assert.Equal([(2_100m, 0.21m), (1_500m, 1.5m)], customers.DataRows("Number").Select(r => (r[4].Number, r[6].Number)));
        Assert.Equal("Yes", customers.DataRows("Number")[1][7].Value);
        Assert.Matches(@"Total\s+2\s+1\s+11,000\.00\s+3,600\.00\s+7,400\.00\s+32\.7 %", await PdfTextAsync(byDivision));
    }

    [Fact]
    public async Task Layby_exports_show_statuses_and_the_chosen_list_with_totals()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);
        var statuses = ReportExports.LaybyStatuses(Reports(), null, null);
        var open = ReportExports.LaybyList(await Reports().LaybyListAsync(null, LaybyReportView.Active), LaybyReportView.Active, "All open", null);

        var statusSheet = await XlsxAsync(statuses);
        var openSheet = await XlsxAsync(open);

        Assert.Equal(5, statusSheet.DataRows("Status").Count);
        Assert.Equal([3m, 2_000m, 1_230m], statusSheet.TotalsRow.Skip(1).Select(c => c.Number));
        Assert.Equal([fixture.L2.LaybyNumber, fixture.L1.LaybyNumber], openSheet.DataRows("Layby").Select(r => r[0].Value));
        Assert.Equal([1_600m, 420m, 1_230m], openSheet.TotalsRow.Skip(5).Take(3).Select(c => c.Number));
        // L2's next due is its earliest unpaid instalment, with the six missed ones overdue beside it.
        Assert.Equal(new DateTime(2026, 8, 8), openSheet.DataRows("Layby")[0][8].Date);
        Assert.Equal(275.40m, openSheet.DataRows("Layby")[0][9].Number);
        Assert.Matches(@"Total\s+1,600\.00\s+420\.00\s+1,230\.00", await PdfTextAsync(open));
    }

    [Fact]
    public async Task Collections_division_performance_and_customer_value_export_their_totals()
    {
        using var actor = Actors.As("rpt-admin", Roles.Admin);
        var collections = ReportExports.Collections(Reports(), September1, September15, null, null, CollectionGrouping.Method);
        var performance = ReportExports.DivisionPerformance(Reports(), new DateOnly(2026, 6, 1), September1, fixture.Clothing, "Clothing");
        var value = ReportExports.CustomerValue(Reports(), null, null, 25);

        var collectionSheet = await XlsxAsync(collections);
        var performanceSheet = await XlsxAsync(performance);
        var valueSheet = await XlsxAsync(value);

        Assert.Equal("collections-2026-09-15.pdf", ExportValues.FileName(collections, new PdfTableWriter(), new DateOnly(2030, 1, 1)));
        Assert.Equal([5m, 800m, 725m, 300m, 0m, 1_225m], collectionSheet.TotalsRow.Skip(1).Select(c => c.Number));
        Assert.Matches(@"Total\s+5\s+800\.00\s+725\.00\s+300\.00\s+0\.00\s+1,225\.00", await PdfTextAsync(collections));
        Assert.Equal(4, performanceSheet.DataRows("Month").Count);
        Assert.Equal([0m, 0m, 745m, 100m, 845m, 3m], performanceSheet.TotalsRow.Skip(2).Select(c => c.Number));
        Assert.Matches(@"Total\s+0\.00\s+0\.00\s+745\.00\s+100\.00\s+845\.00\s+3", await PdfTextAsync(performance));
        Assert.Equal(["Ada Alpha", "Ben Bravo", "Cara Charlie"], valueSheet.DataRows("Rank").Select(r => r[2].Value));
        Assert.Equal(1_745m, valueSheet.TotalsRow[6].Number);
        Assert.Matches(@"Total\s+900\.00\s+845\.00\s+1,745\.00", await PdfTextAsync(value));
    }

    [Fact]
    public async Task Grid_exports_stream_every_row_matching_the_grids_filters_in_its_order()
    {
        using var actor = Actors.As("rpt-accountant", Roles.Accountant);

        var customers = await ListAsync(fixture.Service<CustomerService>().StreamAsync(new CustomerQuery { Sort = CustomerSort.Name, Descending = true }));
        var page = await fixture.Service<CustomerService>().SearchAsync(new CustomerQuery { Sort = CustomerSort.Name, Descending = true }, 0, 2);
        var overdue = await ListAsync(fixture.Service<LaybyService>().StreamAsync(null, fixture.Clothing, LaybyListFilter.Overdue, null, null));
        var allLaybys = await ListAsync(fixture.Service<LaybyService>().StreamAsync(null, null, LaybyListFilter.All, null, null));
        var audit = await ListAsync(fixture.Service<AuditLogService>().StreamAsync(new AuditLogFilter(EntityType: "Customer")));

        Assert.Equal(["Cara Charlie", "Ben Bravo", "Ada Alpha"], customers.Select(c => c.FullName));
        Assert.Equal(customers.Take(2).Select(c => c.Id), page.Items.Select(c => c.Id));
        Assert.Equal([fixture.L2.LaybyNumber], overdue.Select(l => l.LaybyNumber));
        Assert.Equal([fixture.L3.LaybyNumber, fixture.L1.LaybyNumber, fixture.L2.LaybyNumber], allLaybys.Select(l => l.LaybyNumber));
        Assert.True(audit.Count >= 3 && audit.All(a => a.EntityType == "Customer"));
        Assert.Equal(audit.OrderByDescending(a => a.Id).Select(a => a.Id), audit.Select(a => a.Id));
    }

    [Fact]
    public async Task A_finished_export_downloads_for_its_user_only_and_a_clerk_cannot_export()
    {
        await using var db = await fixture.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var accountantId = await db.Users.Where(u => u.UserName == "accountant").Select(u => u.Id).SingleAsync();
        var exporter = fixture.Service<TabularExporter>();
        ExportFile file;
        using (AmbientUser.Use(new ClaimsPrincipal(new ClaimsIdentity(
                   [new Claim(ClaimTypes.Name, "accountant"), new Claim(ClaimTypes.NameIdentifier, accountantId), new Claim(ClaimTypes.Role, Roles.Accountant)],
                   "Test"))))
        {
            file = await exporter.ExportAsync(ReportExports.Collections(Reports(), September1, September15, null, null, CollectionGrouping.Day), ExportFormat.Excel, null);
        }

        using var accountant = SignInClient.For(fixture);
        await accountant.SignInSuccessfullyAsync("accountant", DemoDataSeeder.DemoPassword);
        var response = await accountant.Http.GetAsync("/" + file.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("collections-2026-09-15.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("[$ZAR]", sheet.TotalsRow[6].NumberFormat); // the business currency
        Assert.Equal(1_225m, sheet.TotalsRow[6].Number);

        using var credit = SignInClient.For(fixture);
        await credit.SignInSuccessfullyAsync("credit", DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await credit.Http.GetAsync("/" + file.Url)).StatusCode);
        using var anonymous = SignInClient.For(fixture);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Http.GetAsync("/" + file.Url)).StatusCode);

        using var clerk = Actors.As("rpt-clerk", Roles.Clerk);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            exporter.ExportAsync(ReportExports.Aging(new AgingReport(September15, [], [], new AgingTotal(null, "All", AgingBalances.Zero, 0)), [], null), ExportFormat.Pdf, null));
    }

    [Fact]
    public async Task A_clerk_is_refused_the_report_pages_and_an_accountant_gets_them()
    {
        using var clerk = SignInClient.For(fixture);
        await clerk.SignInSuccessfullyAsync("clerk", DemoDataSeeder.DemoPassword);
        using var accountant = SignInClient.For(fixture);
        await accountant.SignInSuccessfullyAsync("accountant", DemoDataSeeder.DemoPassword);

        foreach (var path in new[] { "/dashboard", "/reports/customers", "/reports/credit", "/reports/laybys", "/reports/collections", "/reports/divisions", "/reports/institutions", "/reports/customer-value" })
        {
            var refused = await clerk.Http.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Redirect && SignInClient.RedirectPath(refused) == "/account/access-denied", $"{path}: {refused.StatusCode}");
            var page = await accountant.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(path == "/dashboard" ? html.Contains("Dashboard") : html.Contains("Export to Excel") && html.Contains("Export to PDF"), path);
        }
    }

    private static async Task<XlsxSheet> XlsxAsync(ITabularExport export) =>
        XlsxSheet.Read(await ExportWriterTests.WriteAsync(new XlsxTableWriter(), export));

    private static async Task<string> PdfTextAsync(ITabularExport export)
    {
        var pdf = await ExportWriterTests.WriteAsync(new PdfTableWriter(), export);
        Assert.Equal(export.Title, Poppler.InfoField(await Poppler.PdfInfoAsync(pdf), "Title"));
        return await Poppler.PdfToTextAsync(pdf);
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    private ReportService Reports() => fixture.Service<ReportService>();
}
