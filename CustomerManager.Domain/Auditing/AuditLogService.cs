using System.Runtime.CompilerServices;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Auditing;

public sealed record AuditLogFilter(
    string? EntityType = null,
    string? EntityKey = null,
    string? UserName = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>Reads the audit trail (Admin and Accountant).</summary>
public sealed class AuditLogService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<Page<AuditEntry>> SearchAsync(
        AuditLogFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Accountant);
        CheckDates(filter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return new Page<AuditEntry>(items, total);
    }

    /// <summary>Every entry the filter matches, newest first, streamed from the database (for exports).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditLogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Accountant);
        CheckDates(filter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await foreach (var entry in Filtered(db, filter).OrderByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>The entity types and user names that occur in the log, for the filter drop-downs.</summary>
    public async Task<(IReadOnlyList<string> EntityTypes, IReadOnlyList<string> UserNames)> FilterChoicesAsync(
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Accountant);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var users = await db.AuditEntries.Select(a => a.UserName).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
        return (types, users);
    }

    /// <summary>The people behind the sign-ins in the log: "clerk" is shown as "Clara Clerk".</summary>
    public async Task<IReadOnlyDictionary<string, string>> UserDisplayNamesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin, Roles.Accountant);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await Users.UserNames.DisplayNamesAsync(db, cancellationToken);
    }

    private static void CheckDates(AuditLogFilter filter)
    {
        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            throw new DomainException("The 'from' date must not be after the 'to' date.", nameof(filter.From));
        }
    }

    /// <summary>Parts of division records (ledger and layby rows) whose own pages show them: left out for limited users.</summary>
    public static readonly IReadOnlyList<string> DivisionRecordParts =
        [nameof(AccountEntry), nameof(PaymentAllocation), nameof(LaybyEntry), nameof(LaybyInstalment), nameof(LaybyItem)];

    private IQueryable<AuditEntry> Filtered(ICustomerDb db, AuditLogFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (currentUser.DivisionIds is { } mine)
        {
            // A user limited to some divisions (DOMAIN.md §1) reads the changes to shared records (customers, tags,
            // users...) and to the accounts, laybys, applications and policies of their divisions; not the others'.
            // The money rows of those records are read in the ledger and layby pages, which check the division.
            var accounts = db.DivisionAccounts.Where(x => !mine.Contains(x.DivisionId)).Select(x => x.Id.ToString());
            var laybys = db.Laybys.Where(x => !mine.Contains(x.DivisionId)).Select(x => x.Id.ToString());
            var applications = db.CreditApplications.Where(x => !mine.Contains(x.DivisionId)).Select(x => x.Id.ToString());
            var laybyPolicies = db.LaybyPolicies.Where(x => !mine.Contains(x.DivisionId)).Select(x => x.Id.ToString());
            var creditPolicies = db.CreditPolicies.Where(x => !mine.Contains(x.DivisionId)).Select(x => x.Id.ToString());
            var divisions = db.Divisions.Where(x => !mine.Contains(x.Id)).Select(x => x.Id.ToString());
            var parts = DivisionRecordParts.ToList();
            query = query.Where(a => !parts.Contains(a.EntityType)
                && !(a.EntityType == nameof(DivisionAccount) && accounts.Contains(a.EntityKey))
                && !(a.EntityType == nameof(Layby) && laybys.Contains(a.EntityKey))
                && !(a.EntityType == nameof(CreditApplication) && applications.Contains(a.EntityKey))
                && !(a.EntityType == nameof(LaybyPolicy) && laybyPolicies.Contains(a.EntityKey))
                && !(a.EntityType == nameof(CreditPolicy) && creditPolicies.Contains(a.EntityKey))
                && !(a.EntityType == nameof(Division) && divisions.Contains(a.EntityKey)));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            query = query.Where(a => a.EntityKey == filter.EntityKey.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(a => a.UserName == filter.UserName.Trim());
        }

        if (filter.From is { } start)
        {
            var startUtc = clock.StartOfDayUtc(start);
            query = query.Where(a => a.OccurredAtUtc >= startUtc);
        }

        if (filter.To is { } end)
        {
            var endUtc = clock.StartOfDayUtc(end.AddDays(1));
            query = query.Where(a => a.OccurredAtUtc < endUtc);
        }

        return query;
    }
}
