using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Assignments;

/// <summary>A customer in "My customers": what the signed-in employee does for them and what they owe.</summary>
public sealed record MyCustomerRow(int CustomerId, string CustomerNumber, string FullName, string PrimaryPhone, AssignmentRole Role,
    DateOnly Since, string? InstitutionCode, decimal Balance, decimal Overdue);

public sealed record AssignmentFilter(AssignmentRole? Role = null, bool ActiveOnly = true, bool OverdueOnly = false);

public sealed partial class AssignmentService
{
    public async Task<IReadOnlyList<AssignmentView>> ForCustomerAsync(int customerId, bool includeEnded = true, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var ids = await db.CustomerAssignments.Where(a => a.CustomerId == customerId && (includeEnded || a.IsActive)).Select(a => a.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(db, ids, cancellationToken);
    }

    public async Task<IReadOnlyList<AssignmentView>> ForInstitutionAsync(int institutionId, bool includeEnded = true, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var ids = await db.InstitutionAssignments.Where(a => a.InstitutionId == institutionId && (includeEnded || a.IsActive)).Select(a => a.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(db, ids, cancellationToken);
    }

    /// <summary>
    /// An employee's assignments, newest first: the history (ended ones too) or the drill-down from the workload
    /// (a role, or only customers with overdue balances).
    /// </summary>
    public async Task<Page<AssignmentView>> ForEmployeeAsync(
        int employeeId, AssignmentFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var division = await db.Employees.Where(e => e.Id == employeeId).Select(e => (int?)e.DivisionId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That employee does not exist.");
        currentUser.RequireDivision(division);
        var assignments = db.Assignments.AsNoTracking().Where(a => a.EmployeeId == employeeId && (!filter.ActiveOnly || a.IsActive)
            && (filter.Role == null || a.Role == filter.Role));
        if (filter.OverdueOnly)
        {
            var overdue = await OverdueCustomersAsync(db, db.CustomerAssignments.Where(a => a.EmployeeId == employeeId && a.IsActive).Select(a => a.CustomerId), cancellationToken);
            assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.EmployeeId == employeeId && a.IsActive && (filter.Role == null || a.Role == filter.Role)
                && overdue.Contains(a.CustomerId));
        }

        var count = await assignments.CountAsync(cancellationToken);
        var ids = await assignments.OrderByDescending(a => a.IsActive).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).Select(a => a.Id).ToListAsync(cancellationToken);
        return new Page<AssignmentView>(await ViewsAsync(db, ids, cancellationToken), count);
    }

    /// <summary>The employee linked to the signed-in user (DOMAIN.md §1), or null.</summary>
    public async Task<EmployeeChoice?> MyEmployeeAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var userId = currentUser.UserId;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return userId is null
            ? null
            : await db.Employees.AsNoTracking().Where(e => e.UserId == userId)
                .Select(e => new EmployeeChoice(e.Id, e.FirstName + " " + e.LastName, e.Division!.Name, e.DivisionId, e.JobTitle, e.IsActive))
                .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The customers the signed-in user's employee is actively assigned to, by name, with what they owe (in the user's
    /// divisions). Empty when the user is not linked to an employee.
    /// </summary>
    public async Task<Page<MyCustomerRow>> MyCustomersAsync(AssignmentRole? role, int skip, int take, CancellationToken cancellationToken = default)
    {
        var employee = await MyEmployeeAsync(cancellationToken);
        if (employee is null)
        {
            return new Page<MyCustomerRow>([], 0);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = from a in db.CustomerAssignments.AsNoTracking()
                   join c in db.Customers on a.CustomerId equals c.Id
                   where a.EmployeeId == employee.Id && a.IsActive && (role == null || a.Role == role)
                   select new { a, c };
        var count = await mine.CountAsync(cancellationToken);
        var page = await mine.OrderBy(x => x.c.FullNameKey).ThenBy(x => x.c.Id).ThenBy(x => x.a.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(x => new
            {
                x.c.Id,
                x.c.CustomerNumber,
                x.c.FullName,
                x.c.PrimaryPhone,
                x.a.Role,
                x.a.StartDate,
                InstitutionCode = db.Institutions.Where(i => i.Id == x.c.InstitutionId).Select(i => i.Code).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).Distinct().ToList();
        var owing = await CustomerMoney.OwingAsync(db, db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.Id), clock.Today, currentUser.DivisionIds, cancellationToken);
        return new Page<MyCustomerRow>(page.Select(p => new MyCustomerRow(p.Id, p.CustomerNumber, p.FullName, p.PrimaryPhone, p.Role, p.StartDate,
            p.InstitutionCode, owing.GetValueOrDefault(p.Id)?.Balance ?? 0, owing.GetValueOrDefault(p.Id)?.Overdue ?? 0)).ToList(), count);
    }

    private async Task<HashSet<int>> OverdueCustomersAsync(ICustomerDb db, IQueryable<int> customerIds, CancellationToken cancellationToken) =>
        [.. (await CustomerMoney.OwingAsync(db, customerIds, clock.Today, currentUser.DivisionIds, cancellationToken)).Values.Where(o => o.Overdue > 0).Select(o => o.CustomerId)];

    /// <summary>The views of the assignments with these ids, in the order given.</summary>
    private static async Task<IReadOnlyList<AssignmentView>> ViewsAsync(ICustomerDb db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var customerRows = await (from a in db.CustomerAssignments.AsNoTracking()
                                  join c in db.Customers on a.CustomerId equals c.Id
                                  join e in db.Employees on a.EmployeeId equals e.Id
                                  where ids.Contains(a.Id)
                                  select new { A = (Assignment)a, Target = AssignmentTarget.Customer, TargetId = c.Id, Number = c.CustomerNumber, Name = c.FullName, Employee = e.FirstName + " " + e.LastName, Division = e.Division!.Name })
            .ToListAsync(cancellationToken);
        var institutionRows = await (from a in db.InstitutionAssignments.AsNoTracking()
                                     join i in db.Institutions on a.InstitutionId equals i.Id
                                     join e in db.Employees on a.EmployeeId equals e.Id
                                     where ids.Contains(a.Id)
                                     select new { A = (Assignment)a, Target = AssignmentTarget.Institution, TargetId = i.Id, Number = i.Code, Name = i.Name, Employee = e.FirstName + " " + e.LastName, Division = e.Division!.Name })
            .ToListAsync(cancellationToken);
        var byId = customerRows.Concat(institutionRows).ToDictionary(r => r.A.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new AssignmentView(r.A.Id, r.A.EmployeeId, r.Employee, r.Division, r.A.Role,
            r.Target, r.TargetId, r.Number, r.Name, r.A.StartDate, r.A.EndDate, r.A.IsActive, r.A.Note, r.A.TransferReason, r.A.TransferredFromId, r.A.CreatedBy))
            .ToList();
    }
}
