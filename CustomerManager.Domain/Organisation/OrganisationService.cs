using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Organisation;

/// <param name="WriteOffApprovalAbove">Write-offs above this amount also need an admin's approval; null: never.</param>
/// <param name="ReminderDaysBefore">Automatic reminders this many days before a due date; null: none.</param>
/// <param name="ReminderDaysAfter">Automatic reminders and a collections task this many days after a missed due date; null: none.</param>
/// <param name="StaffDiscountPercent">The discount employees get on their purchases in the division; null: none.</param>
public sealed record DivisionInput(
    string Name, string Code, DivisionType Type, bool IsActive = true, decimal? WriteOffApprovalAbove = null, int? ReminderDaysBefore = null,
    int? ReminderDaysAfter = null, decimal? StaffDiscountPercent = null);

public sealed record EmployeeInput(
    string FirstName, string LastName, int DivisionId, string JobTitle, string? UserId, bool IsActive = true);

/// <summary>The business, its divisions and employees (DOMAIN.md §1). Changes are Admin-only.</summary>
public sealed class OrganisationService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessDefaults businessDefaults)
{
    public async Task<Business> GetBusinessAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Clerk, Roles.CreditManager, Roles.Accountant);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("The business has not been set up yet.");
    }

    public async Task<Business> UpdateBusinessAsync(
        int version, string name, string currency, string country, string phoneCountryCode,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var business = await db.Businesses.OrderBy(b => b.Id).FirstAsync(cancellationToken);
        Concurrency.EnsureVersion(business, version, "business settings");
        business.Update(name, currency, country, phoneCountryCode);
        await db.SaveOrExplainAsync(cancellationToken);
        businessDefaults.Invalidate();
        return business;
    }

    /// <summary>The divisions the user works in (every one for admins and users without division limits), by name.</summary>
    public async Task<IReadOnlyList<Division>> WorkingDivisionsAsync(bool includeInactive = true, CancellationToken cancellationToken = default) =>
        (await ListDivisionsAsync(includeInactive, cancellationToken)).Where(d => currentUser.WorksIn(d.Id)).ToList();

    public async Task<IReadOnlyList<Division>> ListDivisionsAsync(
        bool includeInactive = true, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Clerk, Roles.CreditManager, Roles.Accountant);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.Divisions.AsNoTracking()
            .Where(d => includeInactive || d.IsActive)
            .OrderBy(d => d.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<Division> CreateDivisionAsync(DivisionInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var businessId = await db.Businesses.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(cancellationToken);
        var division = new Division(businessId, input.Name, input.Code, input.Type);
        if (!input.IsActive)
        {
            division.Update(input.Name, input.Code, input.Type, isActive: false);
        }

        division.SetWriteOffApproval(input.WriteOffApprovalAbove);
        division.SetReminders(input.ReminderDaysBefore, input.ReminderDaysAfter);
        division.SetStaffDiscount(input.StaffDiscountPercent);

        await EnsureUniqueAsync(db, division, cancellationToken);
        db.Divisions.Add(division);
        await db.SaveOrExplainAsync(cancellationToken);
        return division;
    }

    public async Task<Division> UpdateDivisionAsync(
        int id, int version, DivisionInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new DomainException("That division no longer exists.");
        Concurrency.EnsureVersion(division, version, $"division {division.Name}");
        division.Update(input.Name, input.Code, input.Type, input.IsActive);
        division.SetWriteOffApproval(input.WriteOffApprovalAbove);
        division.SetReminders(input.ReminderDaysBefore, input.ReminderDaysAfter);
        division.SetStaffDiscount(input.StaffDiscountPercent);
        await EnsureUniqueAsync(db, division, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        return division;
    }

    /// <summary>The account segments (active first, then retired), by name; anyone may read them.</summary>
    public async Task<IReadOnlyList<AccountSegment>> ListSegmentsAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.AccountSegments.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a segment (admins); a name already there, in any case, is refused.</summary>
    public async Task<AccountSegment> AddSegmentAsync(string name, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var valid = AccountSegment.ValidName(name);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var upper = valid.ToUpperInvariant();
        if (await db.AccountSegments.AnyAsync(s => s.Name.ToUpper() == upper, cancellationToken))
        {
            throw new DomainException($"There is already a segment called \"{valid}\".", nameof(AccountSegment.Name));
        }

        var segment = new AccountSegment(valid);
        db.AccountSegments.Add(segment);
        await db.SaveOrExplainAsync(cancellationToken);
        return segment;
    }

    /// <summary>Retires a segment (no longer offered; accounts in it keep it) or brings it back (admins).</summary>
    public async Task SetSegmentActiveAsync(int id, bool active, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var segment = await db.AccountSegments.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("That segment does not exist.");
        segment.SetActive(active);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Deletes a division nothing refers to yet; one in use can only be made inactive.</summary>
    public async Task DeleteDivisionAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new DomainException("That division no longer exists.");
        var employees = await db.Employees.CountAsync(e => e.DivisionId == id, cancellationToken);
        var users = await db.UserDivisions.CountAsync(u => u.DivisionId == id, cancellationToken);
        if (employees + users > 0)
        {
            throw new DomainException(
                $"{division.Name} is in use ({employees} employee(s), {users} user limit(s)); make it inactive instead.");
        }

        db.Divisions.Remove(division);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Employee>> ListEmployeesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.Employees.AsNoTracking().Include(e => e.Division)
            .OrderBy(e => e.LastName).ThenBy(e => e.FirstName)
            .ToListAsync(cancellationToken);
    }

    public async Task<Employee> SaveEmployeeAsync(
        int? id, int version, EmployeeInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Divisions.AnyAsync(d => d.Id == input.DivisionId, cancellationToken))
        {
            throw new DomainException("Choose an existing division.", nameof(EmployeeInput.DivisionId));
        }

        if (input.UserId is { Length: > 0 } userId
            && await db.Employees.AnyAsync(e => e.UserId == userId && e.Id != id, cancellationToken))
        {
            throw new DomainException("That sign-in is already linked to another employee.", nameof(EmployeeInput.UserId));
        }

        Employee employee;
        if (id is { } existingId)
        {
            employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == existingId, cancellationToken)
                ?? throw new DomainException("That employee no longer exists.");
            Concurrency.EnsureVersion(employee, version, $"employee {employee.FullName}");
            employee.Update(input.FirstName, input.LastName, input.DivisionId, input.JobTitle, input.UserId, input.IsActive);
        }
        else
        {
            employee = new Employee(input.FirstName, input.LastName, input.DivisionId, input.JobTitle, input.UserId);
            db.Employees.Add(employee);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        return employee;
    }

    private static async Task EnsureUniqueAsync(ICustomerDb db, Division division, CancellationToken cancellationToken)
    {
        if (await db.Divisions.AnyAsync(d => d.Code == division.Code && d.Id != division.Id, cancellationToken))
        {
            throw new DomainException($"Another division already uses the code {division.Code}.", nameof(Division.Code));
        }

        if (await db.Divisions.AnyAsync(d => d.Name == division.Name && d.Id != division.Id, cancellationToken))
        {
            throw new DomainException($"Another division is already called {division.Name}.", nameof(Division.Name));
        }
    }
}
