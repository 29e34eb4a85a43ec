using CustomerManager.Domain.Common;
using CustomerManager.Domain.Success;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Components.Pages.Success;

/// <summary>"Customer health": every customer the dashboard's filters select, lowest score first, streamed from the database.</summary>
public static class HealthExports
{
    public static TabularExport<HealthRow> Customers(HealthDashboardService dashboard, HealthFilter filter, string? ownerName, string? institutionName, string? divisionName) =>
        new TabularExport<HealthRow>("Customer health", "customer-health", ct => dashboard.ExportAsync(filter, ct))
            .Filter("Band", filter.Band?.Words())
            .Filter("Lifecycle", filter.Lifecycle?.Words())
            .Filter("Owner", ownerName)
            .Filter("Institution", institutionName)
            .Filter("Division", divisionName)
            .Text("Customer number", r => r.CustomerNumber, 16)
            .Text("Customer", r => r.Name, 28)
            .Number("Score", r => r.Score)
            .Text("Band", r => r.Band?.Words(), 10)
            .Number("Change 7 days", r => r.ChangeOver7Days, width: 12)
            .Number("Change 30 days", r => r.ChangeOver30Days, width: 12)
            .Number("Churn risk", r => r.ChurnRisk)
            .Text("Lifecycle", r => r.Lifecycle.Words(), 12)
            .Text("Owner", r => r.Owner, 22)
            .Money("Exposure", r => r.Exposure)
            .Date("Scored on", r => r.ScoredOn);
}
