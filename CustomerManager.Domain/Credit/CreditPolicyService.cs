using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Credit;

/// <summary>A division with its current credit policy (null: none saved yet, the defaults apply).</summary>
public sealed record DivisionCreditPolicy(int DivisionId, string DivisionName, string DivisionCode, CreditPolicy? Current)
{
    public CreditPolicyTerms Terms => Current?.Terms ?? CreditPolicyTerms.Default;
}

/// <summary>Credit policies per division: admins save new versions; applications and sales on account read the current one.</summary>
public sealed class CreditPolicyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<IReadOnlyList<DivisionCreditPolicy>> ListAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var policies = await CurrentByDivisionAsync(db, cancellationToken);
        return divisions.Select(d => new DivisionCreditPolicy(d.Id, d.Name, d.Code, policies.GetValueOrDefault(d.Id))).ToList();
    }

    /// <summary>The terms that apply in a division now (the defaults while none is saved).</summary>
    public async Task<CreditPolicyTerms> TermsAsync(int divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await TermsAsync(db, divisionId, cancellationToken);
    }

    public async Task<IReadOnlyList<CreditPolicy>> HistoryAsync(int divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.CreditPolicies.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).ToListAsync(cancellationToken);
    }

    /// <summary>Saves new terms as the division's next version; applications already submitted keep their factor.</summary>
    public async Task<CreditPolicy> SaveAsync(int divisionId, CreditPolicyTerms terms, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        terms.Validate();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Divisions.AnyAsync(d => d.Id == divisionId, cancellationToken))
        {
            throw new DomainException("That division does not exist.");
        }

        var latest = await db.CreditPolicies.Where(p => p.DivisionId == divisionId)
            .MaxAsync(p => (int?)p.VersionNumber, cancellationToken) ?? 0;
        var policy = new CreditPolicy(divisionId, latest + 1, terms, clock.UtcNow, currentUser.UserName);
        db.CreditPolicies.Add(policy);
        // Two admins saving at once both compute the same next version; the unique index refuses the second.
        await db.SaveOrExplainAsync(cancellationToken);
        return policy;
    }

    internal static async Task<CreditPolicyTerms> TermsAsync(ICustomerDb db, int divisionId, CancellationToken cancellationToken) =>
        (await db.CreditPolicies.AsNoTracking().Where(p => p.DivisionId == divisionId)
            .OrderByDescending(p => p.VersionNumber).FirstOrDefaultAsync(cancellationToken))?.Terms ?? CreditPolicyTerms.Default;

    private static async Task<Dictionary<int, CreditPolicy>> CurrentByDivisionAsync(ICustomerDb db, CancellationToken cancellationToken)
    {
        var all = await db.CreditPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return all.GroupBy(p => p.DivisionId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.VersionNumber)!);
    }
}
