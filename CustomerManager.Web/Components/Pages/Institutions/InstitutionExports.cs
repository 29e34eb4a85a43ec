using CustomerManager.Domain.Common;
using CustomerManager.Domain.Institutions;
using CustomerManager.Web.Exports;

namespace CustomerManager.Web.Components.Pages.Institutions;

/// <summary>The institution page's exports: the members grid as filtered, and the roll-up as label / value rows.</summary>
public static class InstitutionExports
{
    public static TabularExport<MemberRow> Members(InstitutionService institutions, int institutionId, string code, MemberQuery query, int? expectedRows) =>
        new TabularExport<MemberRow>($"Members of {code}", $"members-{code.ToLowerInvariant()}", ct => institutions.StreamMembersAsync(institutionId, query, ct)) { ExpectedRows = expectedRows }
            .Filter("Designation", query.Designation?.Words())
            .Filter("Status", query.Status.ToString())
            .Filter("Name or number", query.Text)
            .Text("Number", m => m.CustomerNumber, 13)
            .Text("Name", m => m.FullName, 28)
            .Text("Designation", m => m.Designation.Words(), 16)
            .Text("Phone", m => m.PrimaryPhone, 15)
            .Text("E-mail", m => m.PrimaryEmail, 26)
            .Text("Status", m => m.IsActive ? "Active" : "Inactive", 9);

    /// <summary>One row per figure: what the roll-up tab shows, in the same words.</summary>
    public static TabularExport<(string Figure, decimal Value)> Rollup(InstitutionService institutions, int institutionId, string code) =>
        new TabularExport<(string Figure, decimal Value)>($"Figures of {code}", $"figures-{code.ToLowerInvariant()}",
                ExportRows.Loaded(async ct => RollupRows(await institutions.RollupAsync(institutionId, ct))))
            .Text("Figure", r => r.Figure, 36)
            .Money("Value", r => r.Value, sum: false, width: 16);

    private static IReadOnlyList<(string, decimal)> RollupRows(InstitutionRollup r) =>
    [
        ("Members", r.Members),
        ("Active members", r.ActiveMembers),
        .. r.ByDesignation.Select(d => ($"Members: {d.Designation.Words()}", (decimal)d.Members)),
        ("Exposure (balances)", r.Exposure),
        ("Overdue", r.Overdue),
        ("Members with overdue balances", r.MembersOverdue),
        ("Open laybys", r.OpenLaybys),
        ("Open layby balance", r.OpenLaybyBalance),
        ("Credit limits", r.CreditLimits),
        ("Credit used", r.CreditUsed),
        .. r.RevenueByMonth.Select(m => ($"Payments {m.Month:yyyy-MM}", m.Total)),
    ];
}
