using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Credit;

public sealed record CreditQueueItem(
    int Id, string ApplicationNumber, string CustomerNumber, string CustomerName, string DivisionName, decimal RequestedAmount,
    decimal SuggestedLimit, CreditApplicationStatus Status, DateTime CreatedAtUtc, string AppliedBy);

public sealed record LaybyHistory(int Active, int Completed, int Cancelled, int Defaulted);

/// <summary>Everything a credit manager weighs, on one screen.</summary>
public sealed record CreditReview(
    CreditApplication Application, CustomerProfile Customer, string DivisionName, decimal OverdueAmount, LaybyHistory Laybys);

/// <summary>Credit applications and their review (DOMAIN.md §6). Every decision is audited with the reviewer.</summary>
public sealed class CreditApplicationService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, CustomerService customers)
{
    private static readonly string[] Applicants = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Reviewers = [Roles.CreditManager, Roles.Admin];

    public async Task<CreditApplication> SubmitAsync(CreditApplicationInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Applicants);
        currentUser.RequireDivision(input.DivisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await CustomerStanding.OfAsync(db, input.CustomerId, cancellationToken);
        var account = await db.DivisionAccounts.AsNoTracking()
            .FirstOrDefaultAsync(a => a.CustomerId == input.CustomerId && a.DivisionId == input.DivisionId, cancellationToken);
        CreditCheck.EnsureMayBuyOnCredit(CreditUse.Application, customer, account);

        if (!await db.Divisions.AnyAsync(d => d.Id == input.DivisionId && d.IsActive, cancellationToken))
        {
            throw new DomainException("Choose an active division.", "DivisionId");
        }

        if (await db.CreditApplications.AnyAsync(a => a.CustomerId == input.CustomerId && a.DivisionId == input.DivisionId
                && (a.Status == CreditApplicationStatus.Pending || a.Status == CreditApplicationStatus.UnderReview), cancellationToken))
        {
            throw new DomainException($"{customer.CustomerNumber} already has an open application in that division.", "DivisionId");
        }

        var policy = await CreditPolicyService.TermsAsync(db, input.DivisionId, cancellationToken);
        var application = CreditApplication.Submit(input, policy, Now(), currentUser.UserName, currentUser.UserId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        application.AssignNumber(await db.TakeNextAsync("CRA", cancellationToken));
        db.CreditApplications.Add(application);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return application;
    }

    /// <summary>Pending and under-review applications, oldest first.</summary>
    public async Task<IReadOnlyList<CreditQueueItem>> QueueAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Reviewers);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await (from a in db.CreditApplications
                          join c in db.Customers on a.CustomerId equals c.Id
                          join d in db.Divisions on a.DivisionId equals d.Id
                          where (a.Status == CreditApplicationStatus.Pending || a.Status == CreditApplicationStatus.UnderReview)
                                && (mine == null || mine.Contains(a.DivisionId))
                          orderby a.CreatedAtUtc, a.Id
                          select new { a, c.CustomerNumber, c.FullName, d.Name }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => new CreditQueueItem(r.a.Id, r.a.ApplicationNumber, r.CustomerNumber, r.FullName, r.Name,
            r.a.RequestedAmount, r.a.Affordability.SuggestedLimit, r.a.Status, r.a.CreatedAtUtc, r.a.AppliedBy)).ToList();
    }

    public async Task<IReadOnlyList<CreditApplication>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.CreditApplications.AsNoTracking().Where(a => a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId)))
            .OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
    }

    public async Task<CreditReview> ReviewAsync(int applicationId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Reviewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var application = await db.CreditApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException("That application does not exist.");
        currentUser.RequireDivision(application.DivisionId);
        var profile = await customers.GetProfileAsync(application.CustomerId, cancellationToken);
        var division = await db.Divisions.Where(d => d.Id == application.DivisionId).Select(d => d.Name).FirstAsync(cancellationToken);
        var accountIds = profile.Accounts.Select(a => a.Id).ToList();
        var entries = await db.AccountEntries.AsNoTracking().Where(e => accountIds.Contains(e.DivisionAccountId)).ToListAsync(cancellationToken);
        var entryIds = entries.Select(e => e.Id).ToList();
        var allocations = await db.PaymentAllocations.AsNoTracking().Where(a => entryIds.Contains(a.PaymentEntryId)).ToListAsync(cancellationToken);
        var today = clock.Today;
        var overdue = entries.GroupBy(e => e.DivisionAccountId)
            .Sum(g => new AccountLedger(g.ToList(), allocations.Where(a => g.Any(e => e.Id == a.PaymentEntryId)).ToList())
                .OpenCharges().Where(c => c.Charge.DueDate < today).Sum(c => c.Open));
        var statuses = await db.Laybys.Where(l => l.CustomerId == application.CustomerId).Select(l => l.Status).ToListAsync(cancellationToken);
        var history = new LaybyHistory(
            statuses.Count(s => s is LaybyStatus.Active or LaybyStatus.OnHold), statuses.Count(s => s == LaybyStatus.Completed),
            statuses.Count(s => s == LaybyStatus.Cancelled), statuses.Count(s => s == LaybyStatus.Defaulted));
        return new CreditReview(application, profile, division, overdue, history);
    }

    public async Task StartReviewAsync(int applicationId, int version, CancellationToken cancellationToken = default) =>
        await DecideAsync(applicationId, version, (a, now) => a.StartReview(currentUser.UserName, currentUser.UserId, now), null, cancellationToken);

    /// <summary>Approves and sets the division account: limit, terms, credit allowed (the account is opened if missing).</summary>
    public async Task ApproveAsync(
        int applicationId, int version, decimal limit, int termsDays, decimal? interestRatePercent, string? notes,
        CancellationToken cancellationToken = default) =>
        await DecideAsync(applicationId, version,
            (a, now) => a.Approve(limit, termsDays, interestRatePercent, notes, currentUser.UserName, currentUser.UserId, now),
            async (db, a) =>
            {
                var account = await db.DivisionAccounts.FirstOrDefaultAsync(x => x.CustomerId == a.CustomerId && x.DivisionId == a.DivisionId, cancellationToken);
                CreditCheck.EnsureMayBuyOnCredit(CreditUse.Application, await CustomerStanding.OfAsync(db, a.CustomerId, cancellationToken), account);
                if (account is null)
                {
                    var code = await db.Divisions.Where(d => d.Id == a.DivisionId).Select(d => d.Code).FirstAsync(cancellationToken);
                    account = new DivisionAccount(a.CustomerId, a.DivisionId, code, await db.TakeNextAsync(DivisionAccount.SequenceName(code), cancellationToken), Now());
                    db.DivisionAccounts.Add(account);
                    await db.SaveOrExplainAsync(cancellationToken); // the credit line's first event needs the account's id
                }

                // The first review falls the policy's duration after approval (seed: creditLimitDuration, in months).
                var policy = await CreditPolicyService.TermsAsync(db, a.DivisionId, cancellationToken);
                db.CreditLineEvents.Add(account.ApproveCreditLine(a.ApprovedLimit!.Value, a.ApprovedTermsDays!.Value,
                    clock.Today.AddMonths(policy.CreditLimitDurationMonths), a.ApplicationNumber, currentUser.UserName, Now()));
                account.SetInterestRate(a.InterestRatePercent);
            },
            cancellationToken);

    public async Task RejectAsync(int applicationId, int version, string reason, CancellationToken cancellationToken = default) =>
        await DecideAsync(applicationId, version, (a, now) => a.Reject(reason, currentUser.UserName, currentUser.UserId, now), null, cancellationToken);

    private async Task DecideAsync(
        int applicationId, int version, Action<CreditApplication, DateTime> decide, Func<ICustomerDb, CreditApplication, Task>? then,
        CancellationToken cancellationToken)
    {
        currentUser.Require(Reviewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await db.CreditApplications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException("That application does not exist.");
        currentUser.RequireDivision(application.DivisionId);
        Concurrency.EnsureVersion(application, version, $"application {application.ApplicationNumber}");
        decide(application, Now());
        if (then is not null)
        {
            await then(db, application);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private DateTime Now() => clock.UtcNow;
}
