using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

/// <summary>The customer list's institution, designation and assignee filters and columns (DOMAIN.md §2).</summary>
public sealed partial class CustomerService
{
    /// <summary>
    /// The ids of every customer the list's search and filters match, for a bulk change "to all matching"; refused when
    /// more than <paramref name="limit"/> match, so a bulk change never runs on more than the user expects.
    /// </summary>
    public async Task<IReadOnlyList<int>> MatchingIdsAsync(CustomerQuery query, int limit, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var text = CustomerSearchText.Parse(query.Text, (await businessDefaults.GetAsync(db, cancellationToken)).PhoneCountryCode);
        var (customers, _) = await FilteredAsync(db, await WithMyEmployeeAsync(db, query, cancellationToken), text, cancellationToken);
        var ids = await customers.OrderBy(c => c.Id).Select(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return ids.Count > limit
            ? throw new DomainException($"More than {limit:N0} customers match: narrow the search or filters first, or choose the rows.")
            : ids;
    }

    /// <summary>"Assigned to me" as the signed-in user's employee id (-1 when the user is no employee: nothing matches).</summary>
    private async Task<CustomerQuery> WithMyEmployeeAsync(ICustomerDb db, CustomerQuery query, CancellationToken cancellationToken)
    {
        if (!query.AssignedToMe)
        {
            return query;
        }

        var userId = currentUser.UserId;
        var employeeId = userId is null
            ? null
            : await db.Employees.Where(e => e.UserId == userId).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        return query with { AssignedToMe = false, AssigneeId = employeeId ?? -1 };
    }

    private static IQueryable<Customer> RelationFiltered(ICustomerDb db, IQueryable<Customer> customers, CustomerQuery query)
    {
        if (query.AssignedToMe)
        {
            throw new InvalidOperationException("Resolve \"assigned to me\" to the employee first (WithMyEmployeeAsync).");
        }

        if (query.InstitutionId is { } institutionId)
        {
            customers = customers.Where(c => c.InstitutionId == institutionId);
        }

        if (query.Designation is { } designation)
        {
            customers = customers.Where(c => c.InstitutionId != null && c.Designation == designation);
        }

        if (query.AssigneeId is { } employeeId)
        {
            // "Id IN (the employee's customers)": read from the assignments' employee index, not per customer in name order.
            var assigned = db.CustomerAssignments.Where(a => a.EmployeeId == employeeId && a.IsActive).Select(a => a.CustomerId);
            customers = customers.Where(c => assigned.Contains(c.Id));
        }

        return customers;
    }

    /// <summary>
    /// The page's rows with their institution, designation, active assignees and churn risk: small queries by the page's
    /// ids, so the list's fast paths stay single-table reads. Churn risk comes only from subscriptions in
    /// <paramref name="mine"/> (the user's divisions; null: all).
    /// </summary>
    private static async Task<IReadOnlyList<CustomerListItem>> WithRelationsAsync(
        ICustomerDb db, IReadOnlyList<CustomerListItem> items, IReadOnlySet<int>? mine, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var members = items.Where(i => !i.RelationsKnown || i.InstitutionId is not null).Select(i => i.Id).ToList();
        var assigned = items.Where(i => !i.RelationsKnown || i.HasAssignees).Select(i => i.Id).ToList();
        var memberships = members.Count == 0
            ? []
            : await (from c in db.Customers.AsNoTracking()
                     join i in db.Institutions on c.InstitutionId equals i.Id
                     where members.Contains(c.Id)
                     select new { c.Id, InstitutionId = i.Id, i.Code, c.Designation })
                .ToDictionaryAsync(m => m.Id, cancellationToken);
        var assignees = assigned.Count == 0
            ? []
            : (await (from a in db.CustomerAssignments.AsNoTracking()
                      join e in db.Employees on a.EmployeeId equals e.Id
                      where assigned.Contains(a.CustomerId) && a.IsActive
                      orderby e.FirstName, e.LastName
                      select new { a.CustomerId, Name = e.FirstName + " " + e.LastName })
                    .ToListAsync(cancellationToken))
                .GroupBy(a => a.CustomerId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Name).Distinct().ToList());
        var ids = items.Select(i => i.Id).ToList();
        var risks = (await db.Subscriptions.AsNoTracking()
                .Where(s => ids.Contains(s.CustomerId) && s.Status != Subscriptions.SubscriptionStatus.Cancelled && (mine == null || mine.Contains(s.DivisionId)))
                .Select(s => new { s.CustomerId, s.ChurnRisk }).ToListAsync(cancellationToken))
            .GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => g.Max(s => s.ChurnRisk));
        return items.Select(item => item with
        {
            ChurnRisk = risks.TryGetValue(item.Id, out var risk) ? risk : null,
            InstitutionId = memberships.GetValueOrDefault(item.Id)?.InstitutionId,
            InstitutionCode = memberships.GetValueOrDefault(item.Id)?.Code,
            Designation = memberships.GetValueOrDefault(item.Id)?.Designation,
            Assignees = assignees.GetValueOrDefault(item.Id) ?? [],
            // The same row whichever path read it.
            HasAssignees = assignees.ContainsKey(item.Id),
            RelationsKnown = false,
        }).ToList();
    }
}
