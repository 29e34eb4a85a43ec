using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>Who subscribes (a customer, or an institution billed as its billing customer), to what and from when.</summary>
public sealed record SubscribeInput(int? CustomerId, int? InstitutionId, int? PlanId, DateOnly? StartDate);

/// <summary>A subscription as the profile and the institution page show it: with its plan, account and what is unpaid.</summary>
public sealed record SubscriptionView(
    Subscription Subscription, string PlanName, string ServiceTypeName, string? Speed, string DivisionName, string? AccountNumber,
    string CustomerNumber, string CustomerName, string? InstitutionName, decimal Outstanding, DateOnly? OldestUnpaidDue);

/// <summary>What a plan change did: the plan it moved to and the proration posted (null when nothing was billed for the period).</summary>
public sealed record PlanChangeResult(Subscription Subscription, Proration? Proration);

/// <summary>
/// Subscriptions (issue 19, DOMAIN.md §9): clerks, credit managers and admins subscribe customers and institutions and
/// change plans (with proration on the account); credit managers and admins suspend, resume and cancel with a reason;
/// accountants read. Everything is limited to the divisions the user works in (a subscription is in its plan's division).
/// </summary>
public sealed class SubscriptionService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public const string WriterRoles = Roles.Clerk + "," + Roles.CreditManager + "," + Roles.Admin;
    public const string SupervisorRoles = Roles.CreditManager + "," + Roles.Admin;
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    public async Task<IReadOnlyList<SubscriptionView>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await ViewsAsync(db, Visible(db).Where(s => s.CustomerId == customerId && s.InstitutionId == null), cancellationToken);
    }

    public async Task<IReadOnlyList<SubscriptionView>> ForInstitutionAsync(int institutionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await ViewsAsync(db, Visible(db).Where(s => s.InstitutionId == institutionId), cancellationToken);
    }

    public async Task<SubscriptionView> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("That subscription does not exist.");
        currentUser.RequireDivision(subscription.DivisionId);
        return (await ViewsAsync(db, db.Subscriptions.AsNoTracking().Where(s => s.Id == id), cancellationToken)).Single();
    }

    /// <summary>Starts a subscription; opens the customer's account in the plan's division when there is none.</summary>
    public async Task<Subscription> SubscribeAsync(SubscribeInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        if (input.PlanId is not { } planId)
        {
            throw new DomainException("Choose a plan.", "PlanId");
        }

        if (input.StartDate is not { } start)
        {
            throw new DomainException("Choose the day the subscription starts.", nameof(Subscription.StartDate));
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new DomainException("That plan does not exist.", "PlanId");
        currentUser.RequireDivision(plan.DivisionId);
        var (customerId, institutionId) = await SubscriberAsync(db, input, cancellationToken);
        if (await db.Subscriptions.Where(s => s.CustomerId == customerId && s.InstitutionId == institutionId && s.PlanId == planId
                && s.Status != SubscriptionStatus.Cancelled).Select(s => new { s.SubscriptionNumber, s.Status }).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            throw new DomainException(
                $"There is already a subscription to {plan.Name}: {existing.SubscriptionNumber} ({existing.Status.Words().ToLowerInvariant()}).", "PlanId");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AccountForAsync(db, customerId, plan.DivisionId, open: true, clock.UtcNow, cancellationToken);
        var number = Subscription.FormatNumber(await db.TakeNextAsync(Subscription.NumberPrefix, cancellationToken));
        var subscription = Subscription.Start(number, customerId, institutionId, plan, start, clock.Today, clock.UtcNow, currentUser.UserName);
        db.Subscriptions.Add(subscription);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return subscription;
    }

    /// <summary>
    /// Moves the subscription to another plan of its division from today. When today's period was already charged, the
    /// unused days of the old price are credited and the same days of the new price charged, as one entry for the difference.
    /// </summary>
    public async Task<PlanChangeResult> ChangePlanAsync(int id, int version, int? planId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        if (planId is not { } newPlanId)
        {
            throw new DomainException("Choose the plan to move to.", "PlanId");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscription = await ChangeableAsync(db, id, version, cancellationToken);
        var oldPlan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == subscription.PlanId, cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == newPlanId, cancellationToken)
            ?? throw new DomainException("That plan does not exist.", "PlanId");
        var today = clock.Today;
        var proration = subscription.ChangePlan(plan, today);
        if (proration is { } p && p.Net != 0)
        {
            var account = await AccountForAsync(db, subscription.CustomerId, subscription.DivisionId, open: false, clock.UtcNow, cancellationToken);
            var description = $"{(p.Net > 0 ? "Upgrade" : "Downgrade")} {oldPlan.Name} → {plan.Name}: {p.RemainingDays} of {p.PeriodDays} days";
            await AccountLedgerService.PostServiceChargeAsync(db, account, p.Net, today, subscription.SubscriptionNumber,
                description.Length > 200 ? description[..200] : description, null, clock.UtcNow, currentUser.UserName, cancellationToken);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PlanChangeResult(subscription, proration);
    }

    public Task<Subscription> SuspendAsync(int id, int version, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, s => s.Suspend(reason, clock.Today), cancellationToken);

    public Task<Subscription> ResumeAsync(int id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, s => s.Resume(clock.Today), cancellationToken);

    public Task<Subscription> CancelAsync(int id, int version, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, s => s.Cancel(reason, clock.Today), cancellationToken);

    /// <summary>The active plans a subscriber can be given: those of the user's divisions.</summary>
    public async Task<IReadOnlyList<PlanRow>> PlanChoicesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await PlanService.Rows(db, currentUser.DivisionIds, new PlanQuery()).ToListAsync(cancellationToken);
    }

    private async Task<Subscription> ChangeAsync(int id, int version, Action<Subscription> change, CancellationToken cancellationToken)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var subscription = await ChangeableAsync(db, id, version, cancellationToken);
        change(subscription);
        await db.SaveOrExplainAsync(cancellationToken);
        return subscription;
    }

    private async Task<Subscription> ChangeableAsync(ICustomerDb db, int id, int version, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("That subscription does not exist.");
        currentUser.RequireDivision(subscription.DivisionId);
        Concurrency.EnsureVersion(subscription, version, $"subscription {subscription.SubscriptionNumber}");
        return subscription;
    }

    /// <summary>The customer to bill: the subscriber, or the institution's billing customer; active and not blacklisted.</summary>
    private static async Task<(int CustomerId, int? InstitutionId)> SubscriberAsync(ICustomerDb db, SubscribeInput input, CancellationToken cancellationToken)
    {
        int customerId;
        int? institutionId = null;
        if (input.InstitutionId is { } iid)
        {
            var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == iid, cancellationToken)
                ?? throw new NotFoundException("That institution does not exist.");
            if (institution.Status != Institutions.InstitutionStatus.Active)
            {
                throw new DomainException($"{institution.Code} is inactive; reactivate it before subscribing it.");
            }

            customerId = institution.BillingCustomerId
                ?? throw new DomainException($"{institution.Code} has no billing customer: set the customer it is billed as on the institution first.");
            institutionId = iid;
        }
        else
        {
            customerId = input.CustomerId ?? throw new DomainException("Choose the customer who subscribes.", "CustomerId");
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.CustomerNumber, c.IsActive, c.IsBlacklisted, c.BlacklistReason }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        if (!customer.IsActive)
        {
            throw new DomainException($"{customer.CustomerNumber} is inactive; restore the customer before subscribing.");
        }

        if (customer.IsBlacklisted)
        {
            throw new DomainException($"{customer.CustomerNumber} is blacklisted ({customer.BlacklistReason}); a blacklisted customer cannot subscribe.");
        }

        return (customerId, institutionId);
    }

    /// <summary>The customer's account in the division (opened when <paramref name="open"/> and there is none), which must take postings.</summary>
    internal static async Task<DivisionAccount> AccountForAsync(
        ICustomerDb db, int customerId, int divisionId, bool open, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.CustomerId == customerId && a.DivisionId == divisionId, cancellationToken);
        if (account is null)
        {
            var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Id == divisionId, cancellationToken);
            if (!open || !division.IsActive)
            {
                throw new DomainException($"The customer has no account in {division.Name} to bill.");
            }

            account = new DivisionAccount(customerId, divisionId, division.Code,
                await db.TakeNextAsync(DivisionAccount.SequenceName(division.Code), cancellationToken), nowUtc);
            db.DivisionAccounts.Add(account);
        }
        else if (account.Status is DivisionAccountStatus.Closed or DivisionAccountStatus.Blacklisted)
        {
            throw new DomainException($"Account {account.AccountNumber} is {account.Status.Words().ToLowerInvariant()}; a subscription cannot be billed to it.");
        }

        return account;
    }

    private IQueryable<Subscription> Visible(ICustomerDb db)
    {
        var mine = currentUser.DivisionIds;
        return db.Subscriptions.AsNoTracking().Where(s => mine == null || mine.Contains(s.DivisionId));
    }

    private static async Task<IReadOnlyList<SubscriptionView>> ViewsAsync(ICustomerDb db, IQueryable<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var rows = await (from s in subscriptions
                          join p in db.Plans on s.PlanId equals p.Id
                          join t in db.ServiceTypes on p.ServiceTypeId equals t.Id
                          join d in db.Divisions on s.DivisionId equals d.Id
                          join c in db.Customers on s.CustomerId equals c.Id
                          orderby s.Status, s.StartDate descending, s.Id descending
                          select new
                          {
                              s,
                              PlanName = p.Name,
                              TypeName = t.Name,
                              p.Speed,
                              DivisionName = d.Name,
                              c.CustomerNumber,
                              c.FullName,
                              AccountId = db.DivisionAccounts.Where(a => a.CustomerId == s.CustomerId && a.DivisionId == s.DivisionId).Select(a => (int?)a.Id).FirstOrDefault(),
                              AccountNumber = db.DivisionAccounts.Where(a => a.CustomerId == s.CustomerId && a.DivisionId == s.DivisionId).Select(a => a.AccountNumber).FirstOrDefault(),
                              InstitutionName = db.Institutions.Where(i => i.Id == s.InstitutionId).Select(i => i.Name).FirstOrDefault(),
                          }).Take(500).ToListAsync(cancellationToken);
        var unpaid = await SubscriptionLedger.UnpaidAsync(db, rows.Where(r => r.AccountId is not null).Select(r => (r.AccountId!.Value, r.s.SubscriptionNumber)).ToList(), cancellationToken);
        return rows.Select(r =>
        {
            var open = unpaid.GetValueOrDefault(r.s.SubscriptionNumber);
            return new SubscriptionView(r.s, r.PlanName, r.TypeName, r.Speed, r.DivisionName, r.AccountNumber, r.CustomerNumber, r.FullName,
                r.InstitutionName, open?.Amount ?? 0m, open?.OldestDue);
        }).ToList();
    }
}

/// <summary>What is unpaid of a subscription's charges on its account, and the oldest due date among them.</summary>
public sealed record UnpaidCharges(decimal Amount, DateOnly? OldestDue);

/// <summary>Reads a subscription's charges (those referenced with its number) and what is still open on them.</summary>
public static class SubscriptionLedger
{
    public static async Task<Dictionary<string, UnpaidCharges>> UnpaidAsync(
        ICustomerDb db, IReadOnlyList<(int AccountId, string Number)> subscriptions, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, UnpaidCharges>(StringComparer.Ordinal);
        foreach (var chunk in subscriptions.Chunk(500))
        {
            var accountIds = chunk.Select(c => c.AccountId).Distinct().ToList();
            var numbers = chunk.Select(c => c.Number).ToList();
            var charges = await (from e in db.AccountEntries.AsNoTracking()
                                 where accountIds.Contains(e.DivisionAccountId) && e.Amount > 0 && e.Kind != AccountEntryKind.Reversal
                                       && e.Reference != null && numbers.Contains(e.Reference)
                                       && !db.AccountEntries.Any(r => r.ReversalOfId == e.Id)
                                 select new
                                 {
                                     e.Reference,
                                     e.DueDate,
                                     e.Amount,
                                     Allocated = db.PaymentAllocations.Where(a => a.ChargeEntryId == e.Id
                                             && !db.AccountEntries.Any(r => r.ReversalOfId == a.PaymentEntryId))
                                         .Sum(a => (decimal?)a.Amount) ?? 0m,
                                 }).ToListAsync(cancellationToken);
            foreach (var group in charges.Where(c => c.Amount > c.Allocated).GroupBy(c => c.Reference!))
            {
                result[group.Key] = new UnpaidCharges(group.Sum(c => c.Amount - c.Allocated), group.Min(c => c.DueDate));
            }
        }

        return result;
    }
}
