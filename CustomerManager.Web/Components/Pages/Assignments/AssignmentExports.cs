using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Components.Pages.Assignments;

/// <summary>"Assignments by employee": the workload table as a report.</summary>
public static class AssignmentExports
{
    public static TabularExport<WorkloadRow> ByEmployee(AssignmentService assignments, int? divisionId, AssignmentRole? role, string? divisionName)
    {
        var export = new TabularExport<WorkloadRow>("Assignments by employee", "assignments-by-employee",
                ExportRows.Loaded(async ct => await assignments.WorkloadAsync(divisionId, role, ct)))
            .Filter("Division", divisionName)
            .Filter("Role", role?.Words())
            .Text("Employee", r => r.EmployeeName, 24)
            .Text("Division", r => r.DivisionName, 14);
        foreach (var r in Enum.GetValues<AssignmentRole>())
        {
            export.Number(r.Words(), w => w.RoleCount(r), sum: true, width: 12);
        }

        return export
            .Number("Customers", r => r.Customers, sum: true)
            .Number("Institutions", r => r.Institutions, sum: true)
            .Number("Customers overdue", r => r.CustomersOverdue, sum: true, width: 12)
            .Money("Overdue", r => r.OverdueAmount);
    }
}
