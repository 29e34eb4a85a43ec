using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Assignments;

/// <summary>
/// One employee's workload: active assignments per role, how many customers and institutions they look after, and how
/// many of those customers have overdue balances and how much (in the reader's divisions), and the follow-up tasks open
/// on their sign-in (those past due as well).
/// </summary>
public sealed record WorkloadRow(
    int EmployeeId, string EmployeeName, string DivisionName, bool IsActive, IReadOnlyDictionary<AssignmentRole, int> ByRole,
    int Customers, int Institutions, int CustomersOverdue, decimal OverdueAmount)
{
    /// <summary>The sign-in the employee is linked to (tasks are assigned to sign-ins); null when there is none.</summary>
    public string? UserName { get; init; }

    public int OpenTasks { get; init; }

    public int OverdueTasks { get; init; }

    public int ActiveAssignments => ByRole.Values.Sum();

    public int RoleCount(AssignmentRole role) => ByRole.GetValueOrDefault(role);
}

public sealed partial class AssignmentService
{
    /// <summary>The workload dashboard and the "assignments by employee" report: one row per employee of the filter.</summary>
    public async Task<IReadOnlyList<WorkloadRow>> WorkloadAsync(int? divisionId, AssignmentRole? role, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        if (divisionId is { } d)
        {
            currentUser.RequireDivision(d);
        }

        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var employees = await db.Employees.AsNoTracking()
            .Where(e => (divisionId == null || e.DivisionId == divisionId) && (mine == null || mine.Contains(e.DivisionId)))
            .Select(e => new
            {
                e.Id,
                Name = e.FirstName + " " + e.LastName,
                Division = e.Division!.Name,
                e.IsActive,
                UserName = db.Users.Where(u => u.Id == e.UserId).Select(u => u.UserName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var userNames = employees.Select(e => e.UserName).OfType<string>().ToList();
        var today = clock.Today;
        var tasks = await db.FollowUpTasks
            .Where(t => !t.IsDone && userNames.Contains(t.AssigneeUserName) && (mine == null || t.DivisionId == null || mine.Contains(t.DivisionId.Value)))
            .GroupBy(t => t.AssigneeUserName)
            .Select(g => new { UserName = g.Key, Open = g.Count(), Overdue = g.Count(t => t.DueDate < today) })
            .ToDictionaryAsync(x => x.UserName, cancellationToken);
        var employeeIds = employees.Select(e => e.Id).ToList();
        var active = db.Assignments.Where(a => a.IsActive && employeeIds.Contains(a.EmployeeId) && (role == null || a.Role == role));
        var counts = await active.GroupBy(a => new { a.EmployeeId, a.Role }).Select(g => new { g.Key.EmployeeId, g.Key.Role, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var customerLinks = db.CustomerAssignments.Where(a => a.IsActive && employeeIds.Contains(a.EmployeeId) && (role == null || a.Role == role));
        var perEmployee = await customerLinks.Select(a => new { a.EmployeeId, a.CustomerId }).Distinct().ToListAsync(cancellationToken);
        var institutions = await db.InstitutionAssignments.Where(a => a.IsActive && employeeIds.Contains(a.EmployeeId) && (role == null || a.Role == role))
            .GroupBy(a => a.EmployeeId).Select(g => new { g.Key, Count = g.Select(a => a.InstitutionId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var owing = await CustomerMoney.OwingAsync(db, customerLinks.Select(a => a.CustomerId).Distinct(), clock.Today, mine, cancellationToken);
        return employees.Select(e =>
            {
                var customers = perEmployee.Where(p => p.EmployeeId == e.Id).Select(p => p.CustomerId).ToList();
                var overdue = customers.Select(c => owing.GetValueOrDefault(c)).Where(o => o is { Overdue: > 0 }).ToList();
                return new WorkloadRow(e.Id, e.Name, e.Division, e.IsActive,
                    counts.Where(c => c.EmployeeId == e.Id).ToDictionary(c => c.Role, c => c.Count),
                    customers.Count, institutions.GetValueOrDefault(e.Id), overdue.Count, overdue.Sum(o => o!.Overdue))
                {
                    UserName = e.UserName,
                    OpenTasks = e.UserName is { } u ? tasks.GetValueOrDefault(u)?.Open ?? 0 : 0,
                    OverdueTasks = e.UserName is { } v ? tasks.GetValueOrDefault(v)?.Overdue ?? 0 : 0,
                };
            })
            .Where(r => r.IsActive || r.ActiveAssignments > 0)
            .OrderByDescending(r => r.ActiveAssignments).ThenBy(r => r.EmployeeName, StringComparer.Ordinal)
            .ToList();
    }
}
