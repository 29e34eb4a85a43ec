using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Institutions;

public sealed partial class InstitutionService
{
    /// <summary>A page of the institution's members, by name, filtered by designation, status and name or number.</summary>
    public async Task<Page<MemberRow>> MembersAsync(int institutionId, MemberQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var members = FilteredMembers(db, institutionId, query);
        var count = await members.CountAsync(cancellationToken);
        var items = await MemberRows(db, members.OrderBy(c => c.FullNameKey).ThenBy(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)))
            .ToListAsync(cancellationToken);
        return new Page<MemberRow>(items, count);
    }

    /// <summary>Every member matching the filter, one at a time (the export).</summary>
    public async IAsyncEnumerable<MemberRow> StreamMembersAsync(
        int institutionId, MemberQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = MemberRows(db, FilteredMembers(db, institutionId, query).OrderBy(c => c.FullNameKey).ThenBy(c => c.Id));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<Customer> FilteredMembers(ICustomerDb db, int institutionId, MemberQuery query)
    {
        var members = db.Customers.AsNoTracking().Where(c => c.InstitutionId == institutionId);
        if (query.Designation is { } designation)
        {
            members = members.Where(c => c.Designation == designation);
        }

        members = query.Status switch
        {
            MemberStatusFilter.Active => members.Where(c => c.IsActive),
            MemberStatusFilter.Inactive => members.Where(c => !c.IsActive),
            _ => members,
        };
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var key = ContactNormalisation.NameKey(text);
            var number = text.ToUpperInvariant();
            members = members.Where(c => c.CustomerNumber == number || c.FullNameKey.StartsWith(key) || c.LastNameKey.StartsWith(key));
        }

        return members;
    }

    private static IQueryable<MemberRow> MemberRows(ICustomerDb db, IQueryable<Customer> members) =>
        members.Select(c => new MemberRow(c.Id, c.CustomerNumber, c.FullName, c.Designation, c.PrimaryPhone, c.PrimaryEmail, c.IsActive,
            db.InstitutionMemberships.Where(m => m.CustomerId == c.Id && m.InstitutionId == c.InstitutionId && m.EndedAtUtc == null)
                .Select(m => (DateTime?)m.StartedAtUtc).FirstOrDefault()));

    /// <summary>
    /// Adds customers to the institution with one designation. A customer already in it is refused ("added twice"), one
    /// in another institution too unless <paramref name="moveFromOtherInstitution"/>; either refusal changes nothing.
    /// </summary>
    public async Task<int> AddMembersAsync(
        int institutionId, IReadOnlyCollection<int> customerIds, Designation designation, bool moveFromOtherInstitution = false,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(MemberEditors);
        if (!Enum.IsDefined(designation))
        {
            throw new DomainException("Choose the members' designation.", nameof(Designation));
        }

        var ids = customerIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("Choose at least one customer to add.");
        }

        if (ids.Count > MaxBulk)
        {
            throw new DomainException($"Add at most {MaxBulk:N0} customers at once (you chose {ids.Count:N0}); narrow the filter.");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var institution = await JoinableAsync(db, institutionId, cancellationToken);
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        if (customers.Count != ids.Count)
        {
            throw new NotFoundException("One of the chosen customers does not exist (it may have been merged or removed).");
        }

        if (customers.FirstOrDefault(c => c.InstitutionId == institutionId) is { } twice)
        {
            throw new DomainException($"{twice.CustomerNumber} {twice.FullName} is already a member of {institution.Code}.");
        }

        if (customers.FirstOrDefault(c => c.MergedIntoId is not null) is { } merged)
        {
            throw new DomainException($"{merged.CustomerNumber} was merged into another customer; add that one instead.");
        }

        var elsewhere = customers.Where(c => c.InstitutionId is not null).ToList();
        var otherCodes = await InstitutionCodesAsync(db, elsewhere.Select(c => c.InstitutionId!.Value), cancellationToken);
        if (elsewhere.Count > 0 && !moveFromOtherInstitution)
        {
            var first = elsewhere[0];
            throw new DomainException(
                $"{first.CustomerNumber} {first.FullName} already belongs to {otherCodes[first.InstitutionId!.Value]}"
                + (elsewhere.Count > 1 ? $" (and {elsewhere.Count - 1:N0} more chosen customers to other institutions)" : "")
                + ". A customer belongs to one institution at most: move them instead.");
        }

        await ChangeMembershipsAsync(db, customers, institution, designation, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return customers.Count;
    }

    /// <summary>
    /// The customer form's choice: join, move to another institution, change the designation, or leave
    /// (<paramref name="institutionId"/> null). Nothing happens when nothing changed.
    /// </summary>
    public async Task SetMembershipAsync(int customerId, int? institutionId, Designation? designation, CancellationToken cancellationToken = default)
    {
        currentUser.Require(MemberEditors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        await ApplyMembershipAsync(db, customer, institutionId, designation, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="SetMembershipAsync"/> inside the caller's context, unsaved: the customer form saves the customer and its
    /// membership together. The customer must have its id (saved once when new).
    /// </summary>
    internal async Task ApplyMembershipAsync(ICustomerDb db, Customer customer, int? institutionId, Designation? designation, CancellationToken cancellationToken)
    {
        currentUser.Require(MemberEditors);
        if (customer.InstitutionId == institutionId && (institutionId is null || customer.Designation == designation))
        {
            return;
        }

        if (institutionId is { } id)
        {
            if (designation is not { } d || !Enum.IsDefined(d))
            {
                throw new DomainException("Choose the customer's designation at the institution.", nameof(Designation));
            }

            var institution = customer.InstitutionId == id ? await LoadAsync(db, id, cancellationToken) : await JoinableAsync(db, id, cancellationToken);
            await ChangeMembershipsAsync(db, [customer], institution, d, cancellationToken);
        }
        else
        {
            await LeaveAsync(db, customer, "Removed", cancellationToken);
        }
    }

    public async Task RemoveMemberAsync(int institutionId, int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(MemberEditors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        if (customer.InstitutionId != institutionId)
        {
            throw new DomainException($"{customer.CustomerNumber} is not a member of this institution.");
        }

        await LeaveAsync(db, customer, "Removed", cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Where the customer belonged and as what, newest first.</summary>
    public async Task<IReadOnlyList<MembershipHistoryRow>> MembershipHistoryAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await (from m in db.InstitutionMemberships.AsNoTracking()
                      join i in db.Institutions on m.InstitutionId equals i.Id
                      where m.CustomerId == customerId
                      orderby m.StartedAtUtc descending, m.Id descending
                      select new MembershipHistoryRow(i.Id, i.Code, i.Name, m.Designation, m.StartedAtUtc, m.StartedBy, m.EndedAtUtc, m.EndedBy, m.EndReason))
            .Take(200).ToListAsync(cancellationToken);
    }

    private static async Task<Institution> JoinableAsync(ICustomerDb db, int institutionId, CancellationToken cancellationToken)
    {
        var institution = await LoadAsync(db, institutionId, cancellationToken);
        if (institution.Status != InstitutionStatus.Active)
        {
            throw new DomainException($"{institution.Code} is inactive; reactivate it before adding members.");
        }

        return institution;
    }

    private static async Task<Dictionary<int, string>> InstitutionCodesAsync(ICustomerDb db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? []
            : await db.Institutions.Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
    }

    private async Task ChangeMembershipsAsync(
        ICustomerDb db, IReadOnlyList<Customer> customers, Institution institution, Designation designation, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var ids = customers.Select(c => c.Id).ToList();
        var open = await db.InstitutionMemberships.Where(m => ids.Contains(m.CustomerId) && m.EndedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var customer in customers)
        {
            var reason = customer.InstitutionId == institution.Id ? $"Designation changed to {designation.Words()}" : $"Moved to {institution.Code}";
            foreach (var row in open.Where(m => m.CustomerId == customer.Id))
            {
                row.End(now, currentUser.UserName, reason);
            }

            customer.SetMembership(institution.Id, designation);
            db.InstitutionMemberships.Add(new InstitutionMembership(customer.Id, institution.Id, designation, now, currentUser.UserName));
        }
    }

    private async Task LeaveAsync(ICustomerDb db, Customer customer, string reason, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var open = await db.InstitutionMemberships.Where(m => m.CustomerId == customer.Id && m.EndedAtUtc == null).ToListAsync(cancellationToken);
        open.ForEach(m => m.End(now, currentUser.UserName, reason));
        customer.SetMembership(null, null);
    }
}
