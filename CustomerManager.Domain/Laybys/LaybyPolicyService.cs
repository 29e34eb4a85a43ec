using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Laybys;

public sealed record DivisionPolicy(int DivisionId, string DivisionName, string DivisionCode, LaybyPolicy? Current);

/// <summary>Layby policies per division (Admin edits; everyone opening a layby reads the current version).</summary>
public sealed class LaybyPolicyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<IReadOnlyList<DivisionPolicy>> ListAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var divisions = await db.Divisions.OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var result = new List<DivisionPolicy>();
        foreach (var division in divisions)
        {
            result.Add(new DivisionPolicy(division.Id, division.Name, division.Code, await CurrentAsync(db, division.Id, cancellationToken)));
        }

        return result;
    }

    public async Task<IReadOnlyList<LaybyPolicy>> HistoryAsync(int divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.LaybyPolicies.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).ToListAsync(cancellationToken);
    }

    /// <summary>Saves new terms as the next version; laybys already open keep theirs.</summary>
    public async Task<LaybyPolicy> SaveAsync(int divisionId, LaybyPolicyTerms terms, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        terms.Validate();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Divisions.AnyAsync(d => d.Id == divisionId, cancellationToken))
        {
            throw new DomainException("That division does not exist.");
        }

        var latest = await db.LaybyPolicies.Where(p => p.DivisionId == divisionId)
            .MaxAsync(p => (int?)p.VersionNumber, cancellationToken) ?? 0;
        var policy = new LaybyPolicy(divisionId, latest + 1, terms, clock.UtcNow, currentUser.UserName);
        db.LaybyPolicies.Add(policy);
        await db.SaveOrExplainAsync(cancellationToken);
        return policy;
    }

    internal static Task<LaybyPolicy?> CurrentAsync(ICustomerDb db, int divisionId, CancellationToken cancellationToken) =>
        db.LaybyPolicies.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).FirstOrDefaultAsync(cancellationToken);
}
