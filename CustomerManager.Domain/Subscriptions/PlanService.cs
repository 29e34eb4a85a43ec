using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>A plan as the plans page lists it.</summary>
public sealed record PlanRow(Plan Plan, string ServiceTypeName, string DivisionName, int ActiveSubscriptions);

public sealed record PlanQuery(int? ServiceTypeId = null, int? DivisionId = null, bool IncludeWithdrawn = false);

/// <summary>
/// Service plans and service types (issue 19): admins create and change them; everyone reads the plans of the
/// divisions they work in (to subscribe customers, and in reports). A price change is a new price version from today:
/// new subscriptions pay it at once, existing ones from their next renewal.
/// </summary>
public sealed class PlanService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<IReadOnlyList<ServiceType>> ServiceTypesAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.ServiceTypes.AsNoTracking().Where(t => includeInactive || t.IsActive).OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    public async Task<ServiceType> AddServiceTypeAsync(string? name, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var type = new ServiceType(name);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var lower = type.Name.ToLower();
        if (await db.ServiceTypes.AnyAsync(t => t.Name.ToLower() == lower, cancellationToken))
        {
            throw new DomainException($"There is already a service type called {type.Name}.", nameof(ServiceType.Name));
        }

        db.ServiceTypes.Add(type);
        await db.SaveOrExplainAsync(cancellationToken);
        return type;
    }

    public async Task SetServiceTypeActiveAsync(int id, bool active, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var type = await db.ServiceTypes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("That service type does not exist.");
        type.SetActive(active);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Plans in the divisions the user works in, by type and name.</summary>
    public async Task<IReadOnlyList<PlanRow>> ListAsync(PlanQuery query, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await Rows(db, currentUser.DivisionIds, query).ToListAsync(cancellationToken);
    }

    /// <summary>The plans of <paramref name="divisionIds"/> (all when null) matching <paramref name="query"/>, by type and name.</summary>
    internal static IQueryable<PlanRow> Rows(ICustomerDb db, IReadOnlySet<int>? divisionIds, PlanQuery query) =>
        from p in db.Plans.AsNoTracking()
        join t in db.ServiceTypes on p.ServiceTypeId equals t.Id
        join d in db.Divisions on p.DivisionId equals d.Id
        where divisionIds == null || divisionIds.Contains(p.DivisionId)
        where query.IncludeWithdrawn || p.IsActive
        where query.ServiceTypeId == null || p.ServiceTypeId == query.ServiceTypeId
        where query.DivisionId == null || p.DivisionId == query.DivisionId
        orderby t.Name, p.Name, p.Id
        select new PlanRow(p, t.Name, d.Name, db.Subscriptions.Count(s => s.PlanId == p.Id && s.Status == SubscriptionStatus.Active));

    public async Task<Plan> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("That plan does not exist.");
        currentUser.RequireDivision(plan.DivisionId);
        return plan;
    }

    public async Task<Plan> CreateAsync(PlanInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var plan = new Plan(input, clock.UtcNow, currentUser.UserName);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await EnsureValidAsync(db, plan, cancellationToken);
        db.Plans.Add(plan);
        db.PlanPrices.Add(new PlanPrice(plan, clock.Today, clock.UtcNow, currentUser.UserName));
        await db.SaveOrExplainAsync(cancellationToken);
        return plan;
    }

    /// <summary>Changes the plan; a different price is saved as a new price version from today.</summary>
    public async Task<Plan> UpdateAsync(int id, int version, PlanInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var plan = await ChangeableAsync(db, id, version, cancellationToken);
        var divisionBefore = plan.DivisionId;
        plan.Apply(input);
        if (plan.DivisionId != divisionBefore && await db.Subscriptions.AnyAsync(s => s.PlanId == id, cancellationToken))
        {
            throw new DomainException($"{plan.Name} has subscriptions, so it stays in its division; create a new plan in the other division.", nameof(Plan.DivisionId));
        }

        if (Plan.ValidPrice(input.Price) != plan.Price)
        {
            plan.ChangePrice(input.Price);
            db.PlanPrices.Add(new PlanPrice(plan, clock.Today, clock.UtcNow, currentUser.UserName));
        }

        await EnsureValidAsync(db, plan, cancellationToken);
        await db.SaveOrExplainAsync(cancellationToken);
        return plan;
    }

    public async Task SetActiveAsync(int id, int version, bool active, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var plan = await ChangeableAsync(db, id, version, cancellationToken);
        plan.SetActive(active);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Every price the plan has had, newest first.</summary>
    public async Task<IReadOnlyList<PlanPrice>> PriceHistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        var plan = await GetAsync(id, cancellationToken);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.PlanPrices.AsNoTracking().Where(p => p.PlanId == plan.Id).OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
    }

    private async Task<Plan> ChangeableAsync(ICustomerDb db, int id, int version, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("That plan does not exist.");
        currentUser.RequireDivision(plan.DivisionId);
        Concurrency.EnsureVersion(plan, version, "plan");
        return plan;
    }

    private async Task EnsureValidAsync(ICustomerDb db, Plan plan, CancellationToken cancellationToken)
    {
        var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == plan.DivisionId, cancellationToken)
            ?? throw new DomainException("That division does not exist.", nameof(Plan.DivisionId));
        currentUser.RequireDivision(division.Id);
        var type = await db.ServiceTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == plan.ServiceTypeId, cancellationToken)
            ?? throw new DomainException("That service type does not exist.", nameof(Plan.ServiceTypeId));
        if (!type.IsActive && plan.Id == 0)
        {
            throw new DomainException($"{type.Name} is switched off; switch it on first or choose another type.", nameof(Plan.ServiceTypeId));
        }

        var name = plan.Name.ToLower();
        if (await db.Plans.AnyAsync(p => p.DivisionId == plan.DivisionId && p.Name.ToLower() == name && p.Id != plan.Id, cancellationToken))
        {
            throw new DomainException($"{division.Name} already has a plan called {plan.Name}.", nameof(Plan.Name));
        }
    }
}
