using CustomerManager.Domain.Reports;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Components.Pages.Reports;

/// <summary>Column sets shared by a report page and the export benchmark.</summary>
public static class ReportExports
{
    /// <summary>The customer report's ten columns: number, name, type, phone, e-mail, city, registered, accounts, balance, limit.</summary>
    public static TabularExport<CustomerReportRow> WithCustomerColumns(this TabularExport<CustomerReportRow> export) => export
        .Text("Number", c => c.CustomerNumber, 13)
        .Text("Name", c => c.FullName, 28)
        .Text("Type", c => c.Type.ToString(), 11)
        .Text("Phone", c => c.PrimaryPhone, 15)
        .Text("E-mail", c => c.PrimaryEmail, 26)
        .Text("City", c => c.City, 14)
        .Date("Registered", c => DateOnly.FromDateTime(c.RegisteredAtUtc))
        .Number("Accounts", c => c.Accounts, sum: true, width: 9)
        .Money("Balance", c => c.Balance)
        .Money("Credit limit", c => c.CreditLimit);
}

/// <summary>Totals rows that are not sums.</summary>
public static class ReportTotals
{
    /// <summary>A utilisation-style ratio of two column sums, null when the denominator is 0.</summary>
    public static decimal? Ratio(decimal numerator, decimal denominator) => ReportService.Utilisation(numerator, denominator);
}
