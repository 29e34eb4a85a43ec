using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Components.Pages.Reports;

/// <summary>
/// The reports' exports: the same columns as their grids, the filters they were made with, and totals. Rows that the
/// report loads whole are loaded again when the export runs (so the service checks the role then); the customer report
/// streams. Division names are passed in as shown on the page.
/// </summary>
public static class ReportExports
{
    public static TabularExport<CustomerReportRow> CustomerList(ReportService reports, CustomerReportFilter filter, string? divisionName, int? expectedRows) =>
        new TabularExport<CustomerReportRow>("Customer report", "customer-report", ct => reports.StreamCustomerListAsync(filter, ct)) { ExpectedRows = expectedRows }
            .Filter("Type", filter.Type?.ToString())
            .Filter("Status", filter.Status.Words())
            .Filter("Division", divisionName)
            .Filter("Registered from", filter.RegisteredFrom?.ToString("yyyy-MM-dd"))
            .Filter("Registered to", filter.RegisteredTo?.ToString("yyyy-MM-dd"))
            .Filter("Sorted by", $"{filter.Sort}{(filter.Descending ? " (descending)" : "")}")
            .WithCustomerColumns(reports.LocalDate);

    /// <summary>The customer report's ten columns: number, name, type, phone, e-mail, city, registered, accounts, balance, limit.</summary>
    /// <param name="localDate">The business's local day of a stored UTC time (the day the grid shows).</param>
    public static TabularExport<CustomerReportRow> WithCustomerColumns(this TabularExport<CustomerReportRow> export, Func<DateTime, DateOnly> localDate) => export
        .Text("Number", c => c.CustomerNumber, 13)
        .Text("Name", c => c.FullName, 28)
        .Text("Type", c => c.Type.Words(), 11)
        .Text("Phone", c => c.PrimaryPhone, 15)
        .Text("E-mail", c => c.PrimaryEmail, 26)
        .Text("City", c => c.City, 14)
        .Date("Registered", c => localDate(c.RegisteredAtUtc))
        .Number("Accounts", c => c.Accounts, sum: true, width: 9)
        .Money("Balance", c => c.Balance)
        .Money("Credit limit", c => c.CreditLimit);

    public static TabularExport<AgingRow> Aging(AgingReport report, IReadOnlyList<AgingRow> rows, string? divisionName)
    {
        var export = new TabularExport<AgingRow>("Aging report", "aging", ExportRows.From(rows)) { FileDate = report.AsOf, ExpectedRows = rows.Count }
            .Filter("As of", report.AsOf.ToString("yyyy-MM-dd"))
            .Filter("Division", divisionName)
            .Text("Account", a => a.AccountNumber, 18)
            .Text("Customer number", a => a.CustomerNumber, 13)
            .Text("Customer", a => a.CustomerName, 26)
            .Text("Division", a => a.DivisionName, 12);
        foreach (var bucket in AgingBuckets.All)
        {
            export.Money(AgingBuckets.Label(bucket), a => a.Buckets[bucket], width: 12);
        }

        return export.Money("Credit", a => a.Credit, width: 12).Money("Balance", a => a.Balance);
    }

    public static TabularExport<CreditDivisionRow> CreditByDivision(ReportService reports, int? divisionId, bool overLimitOnly, string? divisionName) =>
        new TabularExport<CreditDivisionRow>("Credit outstanding by division", "credit-by-division",
                ExportRows.Loaded(async ct => (await reports.CreditOutstandingAsync(divisionId, overLimitOnly, ct)).Divisions))
            .Filter("Division", divisionName)
            .Text("Division", x => x.Division, 20)
            .Number("Accounts", x => x.Accounts, sum: true)
            .Number("Over limit", x => x.OverLimit, sum: true)
            .Money("Credit limit", x => x.CreditLimit)
            .Money("Balance", x => x.Balance)
            .Money("Available", x => x.Available)
            .Percent("Utilisation", x => x.Utilisation, s => ReportService.Utilisation(s[4], s[3]));

    public static TabularExport<CreditCustomerRow> CreditByCustomer(IReadOnlyList<CreditCustomerRow> shown, string? divisionName, bool overLimitOnly) =>
        new TabularExport<CreditCustomerRow>("Credit outstanding by customer", "credit-by-customer", ExportRows.From(shown)) { ExpectedRows = shown.Count }
            .Filter("Division", divisionName)
            .Filter("Customers", overLimitOnly ? "Only over a limit" : null)
            .Text("Number", x => x.CustomerNumber, 13)
            .Text("Customer", x => x.CustomerName, 28)
            .Number("Accounts", x => x.Accounts, sum: true)
            .Money("Credit limit", x => x.CreditLimit)
            .Money("Balance", x => x.Balance)
            .Money("Available", x => x.Available)
            .Percent("Utilisation", x => x.Utilisation, s => ReportService.Utilisation(s[4], s[3]))
            .Text("Over limit", x => x.OverLimit > 0 ? "Yes" : "", 10);

    public static TabularExport<LaybyStatusCount> LaybyStatuses(ReportService reports, int? divisionId, string? divisionName) =>
        new TabularExport<LaybyStatusCount>("Laybys by status", "layby-status",
                ExportRows.Loaded(async ct => (await reports.LaybyStatusAsync(divisionId, ct)).ByStatus))
            .Filter("Division", divisionName)
            .Text("Status", s => s.Status.Words(), 14)
            .Number("Laybys", s => s.Count, sum: true)
            .Money("Total value", s => s.Total)
            .Money("Balance", s => s.Balance);

    public static TabularExport<LaybyReportRow> LaybyList(IReadOnlyList<LaybyReportRow> shown, LaybyReportView view, string listName, string? divisionName) =>
        new TabularExport<LaybyReportRow>($"Laybys: {listName.ToLowerInvariant()}", "laybys-" + view.ToString().ToLowerInvariant(), ExportRows.From(shown))
        { ExpectedRows = shown.Count }
            .Filter("Division", divisionName)
            .Filter("List", listName)
            .Text("Layby", l => l.LaybyNumber, 15)
            .Text("Customer number", l => l.CustomerNumber, 13)
            .Text("Customer", l => l.CustomerName, 24)
            .Text("Division", l => l.Division, 12)
            .Text("Status", l => l.Status.Words(), 10)
            .Money("Total", l => l.Total)
            .Money("Paid", l => l.Paid)
            .Money("Balance", l => l.Balance)
            .Date("Next due", l => l.NextDue)
            .Money("Overdue", l => l.Overdue)
            .Date("Complete by", l => l.CompletionDate);

    public static TabularExport<CollectionRow> Collections(
        ReportService reports, DateOnly from, DateOnly to, int? divisionId, string? divisionName, CollectionGrouping grouping)
    {
        var export = new TabularExport<CollectionRow>("Collections", "collections", ExportRows.Loaded(ct => reports.CollectionsAsync(from, to, divisionId, grouping, ct)))
        { FileDate = to }
            .Filter("From", from.ToString("yyyy-MM-dd"))
            .Filter("To", to.ToString("yyyy-MM-dd"))
            .Filter("Division", divisionName)
            .Filter("By", grouping.ToString());
        // By day the first column is a real date, so a spreadsheet sorts and groups it as one.
        export = grouping == CollectionGrouping.Day ? export.Date("Day", c => c.Day, 12) : export.Text(grouping.ToString(), c => c.Group, 18);
        return export
            .Number("Payments", c => c.Payments, sum: true)
            .Money("Accounts", c => c.AccountPayments)
            .Money("Laybys", c => c.LaybyPayments)
            .Money("Reversed", c => c.Reversed)
            .Money("Refunds", c => c.Refunds)
            .Money("Net", c => c.Net);
    }

    public static TabularExport<BadDebtRow> BadDebt(ReportService reports, DateOnly from, DateOnly to, int? divisionId, string? divisionName) =>
        new TabularExport<BadDebtRow>("Bad debt", "bad-debt", ExportRows.Loaded(ct => reports.BadDebtAsync(from, to, divisionId, ct)))
        { FileDate = to }
            .Filter("From", from.ToString("yyyy-MM-dd"))
            .Filter("To", to.ToString("yyyy-MM-dd"))
            .Filter("Division", divisionName)
            .Text("Customer number", r => r.CustomerNumber, 14)
            .Text("Customer", r => r.CustomerName, 24)
            .Text("Account", r => r.AccountNumber, 16)
            .Text("Division", r => r.Division, 14)
            .Money("Written off", r => r.WrittenOff)
            .Money("Recovered", r => r.Recovered)
            .Money("Net loss", r => r.NetLoss);

    public static TabularExport<DivisionMonthRow> DivisionPerformance(
        ReportService reports, DateOnly fromMonth, DateOnly toMonth, int? divisionId, string? divisionName) =>
        new TabularExport<DivisionMonthRow>("Division performance", "division-performance",
                ExportRows.Loaded(ct => reports.DivisionPerformanceAsync(fromMonth, toMonth, divisionId, ct)))
            .Filter("From month", fromMonth.ToString("yyyy-MM"))
            .Filter("To month", toMonth.ToString("yyyy-MM"))
            .Filter("Division", divisionName)
            .Month("Month", r => r.Month, 9)
            .Text("Division", r => r.Division, 16)
            .Money("Sales on account", r => r.SalesOnAccount, width: 16)
            .Money("Account payments", r => r.AccountPayments, width: 16)
            .Money("Layby deposits", r => r.LaybyDeposits)
            .Money("Layby payments", r => r.LaybyPayments)
            .Money("Collected", r => r.Collected)
            .Number("New customers", r => r.NewCustomers, sum: true, width: 13);

    public static TabularExport<InstitutionRevenueRow> InstitutionRevenue(
        ReportService reports, DateOnly fromMonth, DateOnly toMonth, int? divisionId, string? divisionName) =>
        new TabularExport<InstitutionRevenueRow>("Revenue by institution", "institution-revenue",
                ExportRows.Loaded(ct => reports.InstitutionRevenueAsync(fromMonth, toMonth, divisionId, ct)))
            .Filter("From month", fromMonth.ToString("yyyy-MM"))
            .Filter("To month", toMonth.ToString("yyyy-MM"))
            .Filter("Division", divisionName)
            .Text("Code", r => r.Code, 10)
            .Text("Institution", r => r.Name, 30)
            .Text("Type", r => r.Type.Words(), 12)
            .Number("Members", r => r.Members, sum: true, width: 10)
            .Money("Sales on account", r => r.SalesOnAccount, width: 16)
            .Money("Account payments", r => r.AccountPayments, width: 16)
            .Money("Layby payments", r => r.LaybyPayments)
            .Money("Collected", r => r.Collected);

    public static TabularExport<CustomerValueRow> CustomerValue(ReportService reports, int? divisionId, string? divisionName, int? top) =>
        new TabularExport<CustomerValueRow>("Customer lifetime value", "customer-value", ExportRows.Loaded(ct => reports.CustomerLifetimeValueAsync(divisionId, top, ct)))
            .Filter("Division", divisionName)
            .Filter("Show", top is { } n ? $"Top {n}" : "Everyone")
            .Number("Rank", c => c.Rank, width: 6)
            .Text("Number", c => c.CustomerNumber, 13)
            .Text("Customer", c => c.CustomerName, 28)
            .Number("Divisions", c => c.Divisions, width: 9)
            .Money("Account payments", c => c.AccountPayments, width: 16)
            .Money("Layby payments", c => c.LaybyPayments)
            .Money("Total paid", c => c.TotalPaid)
            .Date("First payment", c => c.FirstPayment)
            .Date("Last payment", c => c.LastPayment);
}
