using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Success;

/// <summary>The dashboard's filters: band, owner (the account manager employee), institution, division, lifecycle.</summary>
public sealed record HealthFilter(HealthBand? Band = null, int? OwnerEmployeeId = null, int? InstitutionId = null, int? DivisionId = null, Lifecycle? Lifecycle = null);

/// <summary>A customer on the dashboard: score, band, change over 7 and 30 days, churn risk, lifecycle, owner, exposure.</summary>
public sealed record HealthRow(
    int CustomerId, string CustomerNumber, string Name, int? Score, HealthBand? Band, int? ChangeOver7Days, int? ChangeOver30Days,
    int? ChurnRisk, Lifecycle Lifecycle, string? Owner, decimal Exposure, DateOnly? ScoredOn);

public sealed record BandCount(HealthBand? Band, int Count);

public sealed record HealthDashboard(IReadOnlyList<BandCount> Distribution, Page<HealthRow> AtRisk, IReadOnlyList<HealthRow> Risers, IReadOnlyList<HealthRow> Fallers);

/// <summary>
/// The health dashboard (issue 20): how many customers are in each band, the at-risk list (red and yellow, lowest
/// score first), and the week's movers, from the current standing the nightly step stored. Credit managers and admins;
/// accountants read it. Division-limited users see customers without accounts or with one in their divisions.
/// </summary>
public sealed class HealthDashboardService(ICustomerDbFactory dbFactory, ICurrentUser currentUser)
{
    private static readonly string[] Readers = [Roles.CreditManager, Roles.Admin, Roles.Accountant];

    public async Task<HealthDashboard> LoadAsync(HealthFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var all = Filtered(db, filter with { Band = null });
        var distribution = await all.GroupBy(h => h.Band).Select(g => new BandCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var atRisk = Filtered(db, filter).Where(h => h.Band == HealthBand.Red || h.Band == HealthBand.Yellow);
        var total = await atRisk.CountAsync(cancellationToken);
        var rows = await RowsAsync(db, atRisk.OrderBy(h => h.Score).ThenBy(h => h.CustomerId).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)), cancellationToken);
        var moved = Filtered(db, filter).Where(h => h.ChangeOver7Days != null);
        var risers = await RowsAsync(db, moved.Where(h => h.ChangeOver7Days > 0).OrderByDescending(h => h.ChangeOver7Days).ThenBy(h => h.CustomerId).Take(5), cancellationToken);
        var fallers = await RowsAsync(db, moved.Where(h => h.ChangeOver7Days < 0).OrderBy(h => h.ChangeOver7Days).ThenBy(h => h.CustomerId).Take(5), cancellationToken);
        return new HealthDashboard([.. distribution.OrderBy(d => d.Band is null ? 3 : (int)d.Band)], new Page<HealthRow>(rows, total), risers, fallers);
    }

    /// <summary>Every customer the filter selects (at risk first, lowest score first), for the export, in pages of 1,000.</summary>
    public async IAsyncEnumerable<HealthRow> ExportAsync(HealthFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        var after = (Score: int.MinValue, Id: 0);
        while (true)
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            var (score, id) = after;
            var page = await RowsAsync(db, Filtered(db, filter).Where(h => h.Score != null && (h.Score > score || (h.Score == score && h.CustomerId > id)))
                .OrderBy(h => h.Score).ThenBy(h => h.CustomerId).Take(1_000), cancellationToken);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < 1_000)
            {
                yield break;
            }

            after = (page[^1].Score!.Value, page[^1].CustomerId);
        }
    }

    /// <summary>The employees who are some customer's account manager: the owner filter's choices.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var owners = await db.Employees.AsNoTracking()
            .Where(e => db.CustomerAssignments.Any(a => a.EmployeeId == e.Id && a.IsActive && a.Role == AssignmentRole.AccountManager))
            .OrderBy(e => e.LastName).ThenBy(e => e.FirstName).Select(e => new { e.Id, e.FirstName, e.LastName }).ToListAsync(cancellationToken);
        return [.. owners.Select(o => (o.Id, $"{o.FirstName} {o.LastName}"))];
    }

    private IQueryable<CustomerHealth> Filtered(ICustomerDb db, HealthFilter filter)
    {
        var mine = currentUser.DivisionIds;
        // Each predicate only when its filter (or a division limit) is set: the unfiltered dashboard reads one table.
        var q = from h in db.CustomerHealths.AsNoTracking()
                join c in db.Customers on h.CustomerId equals c.Id
                where c.IsActive && c.MergedIntoId == null
                select new { h, c.Id, c.InstitutionId };
        if (filter.InstitutionId is { } institutionId)
        {
            q = q.Where(x => x.InstitutionId == institutionId);
        }

        if (filter.DivisionId is { } divisionId)
        {
            q = q.Where(x => db.DivisionAccounts.Any(a => a.CustomerId == x.Id && a.DivisionId == divisionId));
        }

        if (mine is not null)
        {
            q = q.Where(x => !db.DivisionAccounts.Any(a => a.CustomerId == x.Id) || db.DivisionAccounts.Any(a => a.CustomerId == x.Id && mine.Contains(a.DivisionId)));
        }

        if (filter.OwnerEmployeeId is { } ownerId)
        {
            q = q.Where(x => db.CustomerAssignments.Any(a => a.CustomerId == x.Id && a.IsActive && a.Role == AssignmentRole.AccountManager && a.EmployeeId == ownerId));
        }

        var health = q.Select(x => x.h);
        if (filter.Band is { } band)
        {
            health = health.Where(h => h.Band == band);
        }

        if (filter.Lifecycle is { } lifecycle)
        {
            health = health.Where(h => h.Lifecycle == lifecycle);
        }

        return health;
    }

    private static async Task<List<HealthRow>> RowsAsync(ICustomerDb db, IQueryable<CustomerHealth> page, CancellationToken cancellationToken)
    {
        var rows = await (from h in page
                          join c in db.Customers on h.CustomerId equals c.Id
                          select new
                          {
                              h,
                              c.CustomerNumber,
                              c.FullName,
                              Owner = (from a in db.CustomerAssignments
                                       join e in db.Employees on a.EmployeeId equals e.Id
                                       where a.CustomerId == c.Id && a.IsActive && a.Role == AssignmentRole.AccountManager
                                       orderby a.Id
                                       select e.FirstName + " " + e.LastName).FirstOrDefault(),
                          }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.h.CustomerId).ToList();
        var exposure = await db.DivisionAccounts.AsNoTracking().Where(a => ids.Contains(a.CustomerId))
            .Select(a => new { a.CustomerId, a.Balance }).ToListAsync(cancellationToken);
        var byCustomer = exposure.GroupBy(a => a.CustomerId).ToDictionary(g => g.Key, g => g.Sum(a => a.Balance));
        return [.. rows.Select(r => new HealthRow(r.h.CustomerId, r.CustomerNumber, r.FullName, r.h.Score, r.h.Band, r.h.ChangeOver7Days, r.h.ChangeOver30Days,
            r.h.ChurnRisk, r.h.Lifecycle, r.Owner, byCustomer.GetValueOrDefault(r.h.CustomerId), r.h.ScoredOn))];
    }
}
