using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Credit;

/// <summary>What a credit manager decides in a periodic review of a credit line.</summary>
public sealed record CreditLineReviewInput(CreditReviewOutcome Outcome, decimal? NewLimit, DateOnly NextReviewOn, string Reason);

/// <summary>A credit line whose review date has come.</summary>
public sealed record CreditReviewDue(
    int AccountId, int Version, string AccountNumber, int CustomerId, string CustomerNumber, string CustomerName, string DivisionName,
    decimal CreditLimit, decimal Balance, CreditLineStatus Status, DateOnly ReviewDueOn, int DaysOverdue);

/// <summary>One change of a credit line, with the display name of who made it.</summary>
public sealed record CreditLineHistoryItem(CreditLineEvent Event, string ByName);

/// <summary>A division account's credit line now, with its history (oldest first).</summary>
public sealed record CreditLineSummary(
    int AccountId, int Version, string AccountNumber, string DivisionName, bool HasCreditLine, CreditLineStatus Status, string? Reason,
    decimal CreditLimit, decimal Balance, DateOnly? ReviewDueOn, IReadOnlyList<CreditLineHistoryItem> History);

/// <summary>A credit application as the customer's credit tab lists it, with who took or decided it by display name.</summary>
public sealed record CreditApplicationSummary(CreditApplication Application, string DivisionName, string? ReviewedByName)
{
    /// <summary>The reason given with the decision: the rejection reason, or the approval's notes.</summary>
    public string? Reason => Application.RejectionReason ?? Application.ReviewNotes;
}

/// <summary>Everything about a customer's credit in the divisions the user works in.</summary>
public sealed record CustomerCredit(IReadOnlyList<CreditApplicationSummary> Applications, IReadOnlyList<CreditLineSummary> Lines);

/// <summary>
/// The lifecycle of credit lines (issue 14): reviews due, a review's decision, suspend, resume and close, each by a
/// credit manager or admin who works in the account's division, with a reason, recorded as a <see cref="CreditLineEvent"/>
/// and in the audit trail (the account's changed fields and the event row, in one transaction).
/// </summary>
public sealed class CreditLineService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Reviewers = [Roles.CreditManager, Roles.Admin];

    /// <summary>Credit lines (not closed) whose review date has come, in the user's divisions, the most overdue first.</summary>
    public async Task<IReadOnlyList<CreditReviewDue>> ReviewsDueAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Reviewers);
        var mine = currentUser.DivisionIds;
        var today = clock.Today;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await (from a in db.DivisionAccounts
                          join c in db.Customers on a.CustomerId equals c.Id
                          join d in db.Divisions on a.DivisionId equals d.Id
                          where a.CreditReviewDueOn != null && a.CreditReviewDueOn <= today
                                && a.CreditLineStatus != CreditLineStatus.Closed
                                && (mine == null || mine.Contains(a.DivisionId))
                          orderby a.CreditReviewDueOn, a.Id
                          select new
                          {
                              a.Id, a.Version, a.AccountNumber, a.CustomerId, c.CustomerNumber, c.FullName, DivisionName = d.Name,
                              a.CreditLimit, a.Balance, a.CreditLineStatus, a.CreditReviewDueOn,
                          }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => new CreditReviewDue(r.Id, r.Version, r.AccountNumber, r.CustomerId, r.CustomerNumber, r.FullName,
            r.DivisionName, r.CreditLimit, r.Balance, r.CreditLineStatus, r.CreditReviewDueOn!.Value,
            today.DayNumber - r.CreditReviewDueOn.Value.DayNumber)).ToList();
    }

    /// <summary>The customer's credit applications and credit lines with their history, in the divisions the user works in.</summary>
    public async Task<CustomerCredit> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var applications = await db.CreditApplications.AsNoTracking()
            .Where(a => a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId)))
            .OrderByDescending(a => a.CreatedAtUtc).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        var accounts = await db.DivisionAccounts.AsNoTracking()
            .Where(a => a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId)))
            .OrderBy(a => a.AccountNumber).ToListAsync(cancellationToken);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var events = await db.CreditLineEvents.AsNoTracking().Where(e => accountIds.Contains(e.DivisionAccountId))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var names = await UserNames.DisplayNamesAsync(db,
            events.Select(e => e.UserName).Concat(applications.Select(a => a.ReviewedBy).OfType<string>()), cancellationToken);
        return new CustomerCredit(
            applications.Select(a => new CreditApplicationSummary(a, divisions[a.DivisionId], a.ReviewedBy is { } by ? names[by] : null)).ToList(),
            accounts.Select(a => new CreditLineSummary(a.Id, a.Version, a.AccountNumber, divisions[a.DivisionId], a.HasCreditLine,
                a.CreditLineStatus, a.CreditLineReason, a.CreditLimit, a.Balance, a.CreditReviewDueOn,
                events.Where(e => e.DivisionAccountId == a.Id).Select(e => new CreditLineHistoryItem(e, names[e.UserName])).ToList())).ToList());
    }

    /// <summary>A review's decision: keep, change or suspend the limit, with a reason and the next review date.</summary>
    public async Task<CreditLineEvent> ReviewAsync(int accountId, int version, CreditLineReviewInput input, CancellationToken cancellationToken = default) =>
        await ChangeAsync(accountId, version,
            a => a.ReviewCreditLine(input.Outcome, input.NewLimit, input.NextReviewOn, input.Reason, clock.Today, currentUser.UserName, clock.UtcNow),
            cancellationToken);

    public async Task<CreditLineEvent> SuspendAsync(int accountId, int version, string reason, CancellationToken cancellationToken = default) =>
        await ChangeAsync(accountId, version, a => a.SuspendCreditLine(reason, currentUser.UserName, clock.UtcNow), cancellationToken);

    public async Task<CreditLineEvent> ResumeAsync(int accountId, int version, string reason, CancellationToken cancellationToken = default) =>
        await ChangeAsync(accountId, version, a => a.ResumeCreditLine(reason, currentUser.UserName, clock.UtcNow), cancellationToken);

    public async Task<CreditLineEvent> CloseAsync(int accountId, int version, string reason, CancellationToken cancellationToken = default) =>
        await ChangeAsync(accountId, version, a => a.CloseCreditLine(reason, currentUser.UserName, clock.UtcNow), cancellationToken);

    /// <summary>The next review date a review suggests: today plus the division policy's duration.</summary>
    public async Task<DateOnly> SuggestedNextReviewAsync(int accountId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Reviewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var divisionId = await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => (int?)a.DivisionId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        currentUser.RequireDivision(divisionId);
        var policy = await CreditPolicyService.TermsAsync(db, divisionId, cancellationToken);
        return clock.Today.AddMonths(policy.CreditLimitDurationMonths);
    }

    private async Task<CreditLineEvent> ChangeAsync(
        int accountId, int version, Func<DivisionAccount, CreditLineEvent> change, CancellationToken cancellationToken)
    {
        currentUser.Require(Reviewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        currentUser.RequireDivision(account.DivisionId);
        Concurrency.EnsureVersion(account, version, $"account {account.AccountNumber}");
        var recorded = change(account);
        db.CreditLineEvents.Add(recorded);
        await db.SaveOrExplainAsync(cancellationToken);
        return recorded;
    }
}
