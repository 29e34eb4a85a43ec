using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Assignments;

public enum AssignmentTarget
{
    Customer,
    Institution,
}

/// <summary>An assignment as lists show it: who, for whom, in which role, since and until when.</summary>
public sealed record AssignmentView(
    int Id, int EmployeeId, string EmployeeName, string DivisionName, AssignmentRole Role, AssignmentTarget Target, int TargetId,
    string TargetNumber, string TargetName, DateOnly StartDate, DateOnly? EndDate, bool IsActive, string? Note,
    TransferReason? TransferReason, int? TransferredFromId, string CreatedBy);

public sealed record EmployeeChoice(int Id, string Name, string DivisionName, int DivisionId, string JobTitle, bool IsActive);

/// <summary>
/// Who looks after which customers and institutions (DOMAIN.md §2, issue 17). Everyone reads assignments; credit
/// managers and admins assign, end and transfer them, and only for employees of divisions they work in. An assignment
/// is never deleted: ending or transferring one keeps it, inactive, so the history per customer and per employee stays.
/// </summary>
public sealed partial class AssignmentService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public const string WriterRoles = Roles.CreditManager + "," + Roles.Admin;
    public const string ReaderRoles = Roles.Accountant + "," + Roles.CreditManager + "," + Roles.Admin;
    private static readonly string[] Writers = [Roles.CreditManager, Roles.Admin];
    private static readonly string[] Readers = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    /// <summary>At most this many customers in one bulk assignment.</summary>
    public const int MaxBulk = 5_000;

    /// <summary>Employees to choose from: those of the user's divisions, active ones first.</summary>
    public async Task<IReadOnlyList<EmployeeChoice>> EmployeesAsync(bool activeOnly = true, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.Employees.AsNoTracking()
            .Where(e => (!activeOnly || e.IsActive) && (mine == null || mine.Contains(e.DivisionId)))
            .OrderByDescending(e => e.IsActive).ThenBy(e => e.FirstName).ThenBy(e => e.LastName).ThenBy(e => e.Id)
            .Select(e => new EmployeeChoice(e.Id, e.FirstName + " " + e.LastName, e.Division!.Name, e.DivisionId, e.JobTitle, e.IsActive))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Assigns one or more employees (each in a role) to each of the customers: several at once, or in bulk.</summary>
    public async Task<int> AssignCustomersAsync(
        IReadOnlyCollection<int> customerIds, IReadOnlyList<AssignmentInput> assignments, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        var ids = customerIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("Choose at least one customer.");
        }

        if (ids.Count > MaxBulk)
        {
            throw new DomainException($"Assign at most {MaxBulk:N0} customers at once (you chose {ids.Count:N0}); narrow the filter.");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.CustomerNumber, c.MergedIntoId }).ToListAsync(cancellationToken);
        if (customers.Count != ids.Count)
        {
            throw new NotFoundException("One of the chosen customers does not exist.");
        }

        if (customers.FirstOrDefault(c => c.MergedIntoId is not null) is { } merged)
        {
            throw new DomainException($"{merged.CustomerNumber} was merged into another customer; assign that one instead.");
        }

        var employees = await CheckedEmployeesAsync(db, assignments, cancellationToken);
        var (today, now) = (clock.Today, clock.UtcNow);
        var employeeIds = assignments.Select(a => a.EmployeeId).ToList();
        var existing = await db.CustomerAssignments
            .Where(a => a.IsActive && ids.Contains(a.CustomerId) && employeeIds.Contains(a.EmployeeId))
            .Select(a => new { a.CustomerId, a.EmployeeId, a.Role }).ToListAsync(cancellationToken);
        foreach (var input in assignments)
        {
            if (existing.FirstOrDefault(e => e.EmployeeId == input.EmployeeId && e.Role == input.Role) is { } already)
            {
                var number = customers.First(c => c.Id == already.CustomerId).CustomerNumber;
                throw new DomainException($"{employees[input.EmployeeId].FullName} is already the {input.Role.Words().ToLowerInvariant()} of {number}.");
            }
        }

        var rows = ids.SelectMany(id => assignments.Select(input => new CustomerAssignment(id, input, today, now, currentUser.UserName))).ToList();
        db.CustomerAssignments.AddRange(rows);
        await db.SaveOrExplainAsync(cancellationToken);
        return rows.Count;
    }

    public async Task<int> AssignInstitutionAsync(int institutionId, IReadOnlyList<AssignmentInput> assignments, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var code = await db.Institutions.Where(i => i.Id == institutionId).Select(i => i.Code).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That institution does not exist.");
        var employees = await CheckedEmployeesAsync(db, assignments, cancellationToken);
        var existing = await db.InstitutionAssignments.Where(a => a.IsActive && a.InstitutionId == institutionId)
            .Select(a => new { a.EmployeeId, a.Role }).ToListAsync(cancellationToken);
        foreach (var input in assignments)
        {
            if (existing.Any(e => e.EmployeeId == input.EmployeeId && e.Role == input.Role))
            {
                throw new DomainException($"{employees[input.EmployeeId].FullName} is already the {input.Role.Words().ToLowerInvariant()} of {code}.");
            }
        }

        var (today, now) = (clock.Today, clock.UtcNow);
        var rows = assignments.Select(input => new InstitutionAssignment(institutionId, input, today, now, currentUser.UserName)).ToList();
        db.InstitutionAssignments.AddRange(rows);
        await db.SaveOrExplainAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Ends an assignment today; it stays in the history.</summary>
    public async Task EndAsync(int assignmentId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == assignmentId, cancellationToken)
            ?? throw new NotFoundException("That assignment does not exist.");
        currentUser.RequireDivision(await db.Employees.Where(e => e.Id == assignment.EmployeeId).Select(e => e.DivisionId).FirstAsync(cancellationToken));
        assignment.End(clock.Today, clock.UtcNow, currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>
    /// Hands the chosen active assignments of one employee (all of them when <paramref name="assignmentIds"/> is null)
    /// to another, in one transaction: each is ended with the reason and continued by the new employee in the same role.
    /// Where the new employee already holds that role for the customer, the old assignment only ends.
    /// </summary>
    public async Task<int> TransferAsync(
        int fromEmployeeId, int toEmployeeId, IReadOnlyCollection<int>? assignmentIds, TransferReason reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        if (fromEmployeeId == toEmployeeId)
        {
            throw new DomainException("Choose a different employee to transfer to: the assignments already belong to this one.", "ToEmployee");
        }

        if (!Enum.IsDefined(reason))
        {
            throw new DomainException("Choose the reason for the transfer.", nameof(reason));
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = await db.Employees.FirstOrDefaultAsync(e => e.Id == fromEmployeeId, cancellationToken)
            ?? throw new NotFoundException("The employee to transfer from does not exist.");
        currentUser.RequireDivision(from.DivisionId);
        var to = (await CheckedEmployeesAsync(db, [new AssignmentInput(toEmployeeId, AssignmentRole.AccountManager)], cancellationToken))[toEmployeeId];
        var active = db.Assignments.Where(a => a.EmployeeId == fromEmployeeId && a.IsActive);
        List<Assignment> moving;
        if (assignmentIds is null)
        {
            moving = await active.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        }
        else
        {
            var ids = assignmentIds.Distinct().ToList();
            moving = await active.Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
            if (moving.Count != ids.Count)
            {
                throw new DomainException($"Only {from.FullName}'s active assignments can be transferred; {ids.Count - moving.Count} of the chosen are not (reload the list).");
            }
        }

        if (moving.Count == 0)
        {
            throw new DomainException($"{from.FullName} has no active assignments to transfer.");
        }

        var theirs = await db.Assignments.Where(a => a.EmployeeId == toEmployeeId && a.IsActive).ToListAsync(cancellationToken);
        var (today, now) = (clock.Today, clock.UtcNow);
        foreach (var assignment in moving)
        {
            assignment.End(today, now, currentUser.UserName, reason);
        }

        // Saved first: the new rows refer to the ended ones by id.
        await db.SaveOrExplainAsync(cancellationToken);
        foreach (var assignment in moving.Where(a => !theirs.Any(t => t.SameTarget(a))))
        {
            db.Assignments.Add(assignment.ContinueWith(to.Id, today, now, currentUser.UserName));
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moving.Count;
    }

    private async Task<Dictionary<int, Employee>> CheckedEmployeesAsync(ICustomerDb db, IReadOnlyList<AssignmentInput> assignments, CancellationToken cancellationToken)
    {
        if (assignments.Count == 0)
        {
            throw new DomainException("Choose at least one employee and role.");
        }

        if (assignments.FirstOrDefault(a => !Enum.IsDefined(a.Role)) is { } bad)
        {
            throw new DomainException($"There is no assignment role \"{bad.Role}\". Choose one of: {string.Join(", ", Enum.GetValues<AssignmentRole>().Select(r => r.Words()))}.", "Role");
        }

        if (assignments.GroupBy(a => (a.EmployeeId, a.Role)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException($"The same employee is chosen twice as {twice.Key.Role.Words().ToLowerInvariant()}.", "Role");
        }

        var ids = assignments.Select(a => a.EmployeeId).Distinct().ToList();
        var employees = await db.Employees.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var id in ids)
        {
            if (!employees.TryGetValue(id, out var employee))
            {
                throw new NotFoundException("That employee does not exist.");
            }

            if (!employee.IsActive)
            {
                throw new DomainException($"{employee.FullName} is inactive and cannot be assigned; choose an active employee.", "Employee");
            }

            currentUser.RequireDivision(employee.DivisionId);
        }

        return employees;
    }
}
