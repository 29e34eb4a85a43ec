using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Institutions;

public sealed record InstitutionQuery(string? Text = null, InstitutionType? Type = null, InstitutionStatus? Status = InstitutionStatus.Active);

public sealed record InstitutionListItem(int Id, string Code, string Name, InstitutionType Type, string? Category, string? City, InstitutionStatus Status, int Members);

/// <summary>An institution as its page shows it, with the customer it is billed as (if any).</summary>
public sealed record InstitutionProfile(Institution Institution, int Members, string? BillingCustomerNumber, string? BillingCustomerName);

public enum MemberStatusFilter
{
    Active,
    Inactive,
    All,
}

public sealed record MemberQuery(Designation? Designation = null, MemberStatusFilter Status = MemberStatusFilter.Active, string? Text = null);

public sealed record MemberRow(int CustomerId, string CustomerNumber, string FullName, Designation? Designation, string PrimaryPhone, string? PrimaryEmail, bool IsActive, DateTime? Since);

/// <summary>A period of a customer's membership, for the customer's history.</summary>
public sealed record MembershipHistoryRow(int InstitutionId, string InstitutionCode, string InstitutionName, Designation Designation,
    DateTime StartedAtUtc, string StartedBy, DateTime? EndedAtUtc, string? EndedBy, string? EndReason);

/// <summary>
/// Institutions and their members (DOMAIN.md §2, issue 17): everyone reads them; credit managers and admins create,
/// edit, deactivate and delete institutions; whoever edits customers (clerks, credit managers, admins) sets a customer's
/// membership, from the customer form, the institution page or in bulk from the customer list. Every change of
/// membership ends one history row and opens the next in the same save.
/// </summary>
public sealed partial class InstitutionService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public const string EditorRoles = Roles.CreditManager + "," + Roles.Admin;
    public const string MemberEditorRoles = Roles.Clerk + "," + Roles.CreditManager + "," + Roles.Admin;
    private static readonly string[] Editors = [Roles.CreditManager, Roles.Admin];
    private static readonly string[] MemberEditors = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    /// <summary>At most this many customers in one bulk membership change.</summary>
    public const int MaxBulk = 5_000;

    public async Task<Page<InstitutionListItem>> ListAsync(InstitutionQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var institutions = Filtered(db, query);
        var count = await institutions.CountAsync(cancellationToken);
        var items = await institutions.OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(i => new InstitutionListItem(i.Id, i.Code, i.Name, i.Type, i.Category, i.City, i.Status,
                db.Customers.Count(c => c.InstitutionId == i.Id)))
            .ToListAsync(cancellationToken);
        return new Page<InstitutionListItem>(items, count);
    }

    /// <summary>Active institutions whose code or name starts with <paramref name="text"/>, for pickers.</summary>
    public async Task<IReadOnlyList<InstitutionListItem>> ChoicesAsync(string? text, CancellationToken cancellationToken = default) =>
        (await ListAsync(new InstitutionQuery(text), 0, 20, cancellationToken)).Items;

    /// <summary>One institution as a picker shows it (a bookmark or a saved form names it by id); null when it is gone.</summary>
    public async Task<InstitutionListItem?> ChoiceAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.Institutions.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new InstitutionListItem(i.Id, i.Code, i.Name, i.Type, i.Category, i.City, i.Status, db.Customers.Count(c => c.InstitutionId == i.Id)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<Institution> Filtered(ICustomerDb db, InstitutionQuery query)
    {
        var institutions = db.Institutions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var code = Institution.NormaliseCode(text);
            institutions = institutions.Where(i => i.Code.StartsWith(code) || i.Name.StartsWith(text) || i.Name.Contains(" " + text));
        }

        if (query.Type is { } type)
        {
            institutions = institutions.Where(i => i.Type == type);
        }

        if (query.Status is { } status)
        {
            institutions = institutions.Where(i => i.Status == status);
        }

        return institutions;
    }

    public async Task<InstitutionProfile> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException("That institution does not exist.");
        var billing = institution.BillingCustomerId is { } billingId
            ? await db.Customers.Where(c => c.Id == billingId).Select(c => new { c.CustomerNumber, c.FullName }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var members = await db.Customers.CountAsync(c => c.InstitutionId == id, cancellationToken);
        return new InstitutionProfile(institution, members, billing?.CustomerNumber, billing?.FullName);
    }

    public async Task<Institution> CreateAsync(InstitutionInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        var institution = new Institution(input, clock.UtcNow, currentUser.UserName);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await EnsureValidAsync(db, institution, cancellationToken);
        db.Institutions.Add(institution);
        await db.SaveOrExplainAsync(cancellationToken);
        return institution;
    }

    public async Task<Institution> UpdateAsync(int id, int version, InstitutionInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var institution = await LoadAsync(db, id, cancellationToken);
        Concurrency.EnsureVersion(institution, version, "institution");
        institution.Apply(input);
        await EnsureValidAsync(db, institution, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        return institution;
    }

    public async Task SetActiveAsync(int id, int version, bool active, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var institution = await LoadAsync(db, id, cancellationToken);
        Concurrency.EnsureVersion(institution, version, "institution");
        if (active)
        {
            institution.Reactivate();
        }
        else
        {
            institution.Deactivate();
        }

        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Only an institution that never had members or assignments: otherwise its history would be lost.</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var institution = await LoadAsync(db, id, cancellationToken);
        var members = await db.Customers.CountAsync(c => c.InstitutionId == id, cancellationToken);
        if (members > 0)
        {
            throw new DomainException($"{institution.Code} has {members:N0} member(s) and cannot be deleted; deactivate it instead.");
        }

        if (await db.InstitutionMemberships.AnyAsync(m => m.InstitutionId == id, cancellationToken)
            || await db.InstitutionAssignments.AnyAsync(a => a.InstitutionId == id, cancellationToken))
        {
            throw new DomainException($"{institution.Code} has a history of members or assignments and cannot be deleted; deactivate it instead.");
        }

        db.Institutions.Remove(institution);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    private static async Task<Institution> LoadAsync(ICustomerDb db, int id, CancellationToken cancellationToken) =>
        await db.Institutions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
        ?? throw new NotFoundException("That institution does not exist.");

    private static async Task EnsureValidAsync(ICustomerDb db, Institution institution, CancellationToken cancellationToken)
    {
        if (await db.Institutions.Where(i => i.Code == institution.Code && i.Id != institution.Id).Select(i => i.Name).FirstOrDefaultAsync(cancellationToken) is { } owner)
        {
            throw new DomainException($"The code {institution.Code} is already used by {owner}.", nameof(Institution.Code));
        }

        if (institution.BillingCustomerId is { } billingId)
        {
            var billing = await db.Customers.Where(c => c.Id == billingId).Select(c => new { c.CustomerNumber, c.Type, c.MergedIntoId }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("That billing customer does not exist.", nameof(Institution.BillingCustomerId));
            if (billing.Type is not (CustomerType.Business or CustomerType.Government or CustomerType.Ngo) || billing.MergedIntoId is not null)
            {
                throw new DomainException($"{billing.CustomerNumber} cannot be billed for an institution: choose a business, government or NGO customer.", nameof(Institution.BillingCustomerId));
            }

            if (await db.Institutions.Where(i => i.BillingCustomerId == billingId && i.Id != institution.Id).Select(i => i.Code).FirstOrDefaultAsync(cancellationToken) is { } other)
            {
                throw new DomainException($"{billing.CustomerNumber} is already the billing customer of {other}.", nameof(Institution.BillingCustomerId));
            }
        }
    }
}
