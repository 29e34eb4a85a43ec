using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Membership;

/// <summary>An account that would become a member: its lifetime purchases (net of returns) reach the threshold.</summary>
public sealed record MembershipCandidate(int AccountId, int CustomerId, string CustomerNumber, string FullName, string AccountNumber, decimal Spend);

/// <summary>
/// Who the threshold would make members in a division: every qualifying account is counted and summed; the list shows
/// the <see cref="MembershipService.PreviewListLimit"/> biggest spenders.
/// </summary>
public sealed record MembershipPreview(int DivisionId, decimal Threshold, int Count, decimal TotalSpend, IReadOnlyList<MembershipCandidate> Largest);

public sealed record MembershipApplyProgress(int Done, int Total);

/// <summary>One division's membership figures: accounts, members, their share, 12-month revenue of members and of the others.</summary>
public sealed record DivisionMembershipStatistics(
    int DivisionId, string DivisionName, int Accounts, int Members, decimal MemberRevenue, decimal OtherRevenue, decimal? Threshold, bool AutoActivate)
{
    /// <summary>Members as a share of the accounts, in % (one decimal), or 0 with no accounts.</summary>
    public decimal MemberShare => Accounts == 0 ? 0 : Math.Round(100m * Members / Accounts, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Members who joined in a month (local time), by division.</summary>
public sealed record NewMembersInMonth(int Year, int Month, int DivisionId, int Count);

public sealed record MembershipStatistics(IReadOnlyList<DivisionMembershipStatistics> Divisions, IReadOnlyList<NewMembersInMonth> NewMembers, DateOnly RevenueFrom, DateOnly RevenueTo)
{
    public int Accounts => Divisions.Sum(d => d.Accounts);

    public int Members => Divisions.Sum(d => d.Members);

    public decimal MemberShare => Accounts == 0 ? 0 : Math.Round(100m * Members / Accounts, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A division account in the members list, with what it spent.</summary>
public sealed record MemberRow(
    int AccountId, int CustomerId, string CustomerNumber, string FullName, string AccountNumber, bool IsMember, DateTime? MemberSinceUtc,
    string? ChangedBy, MembershipChange? ChangedHow, decimal Spend);

public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int TotalCount);

/// <summary>
/// Membership per division account (seed membership-customers.md, DOMAIN.md §9): set or ended by hand; made automatically
/// for accounts whose lifetime purchases reach the division's threshold (an admin previews who would change, then applies
/// exactly that; or the daily job applies it when the division turns it on); statistics. Changes are audited by the save
/// interceptor; each new member is sent the "membership welcome" message through the outbox.
/// </summary>
public sealed class MembershipService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, MessageTemplateService templates, OutboxSignal signal)
{
    public const int PreviewListLimit = 200;
    public const int ApplyChunk = 500;
    private static readonly string[] Setters = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Readers = [Roles.Admin, Roles.CreditManager, Roles.Accountant];

    /// <summary>Makes one account a member or ends its membership (clerks, credit managers, admins in its division).</summary>
    public async Task<DivisionAccount> SetMemberAsync(int accountId, bool member, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Setters);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        currentUser.RequireDivision(account.DivisionId);
        if (account.SetMembership(member, MembershipChange.Manual, currentUser.UserName, clock.UtcNow) && member)
        {
            await WelcomeAsync(db, [account], cancellationToken);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        signal.Notify();
        return account;
    }

    /// <summary>The division's threshold and whether the daily job applies it (admins).</summary>
    public async Task SetPolicyAsync(int divisionId, decimal? threshold, bool autoActivate, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Id == divisionId, cancellationToken)
            ?? throw new NotFoundException("That division does not exist.");
        division.SetMembershipPolicy(threshold, autoActivate);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Who <paramref name="threshold"/> would make members in the division now (admins).</summary>
    public async Task<MembershipPreview> PreviewAsync(int divisionId, decimal threshold, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        currentUser.RequireDivision(divisionId);
        Organisation.Division.ValidMembershipThreshold(threshold, "Threshold");
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await RequireDivisionExistsAsync(db, divisionId, cancellationToken);
        var qualifying = await QualifyingAsync(db, divisionId, threshold, cancellationToken);
        var largest = qualifying.OrderByDescending(q => q.Spend).ThenBy(q => q.AccountId).Take(PreviewListLimit).ToList();
        var ids = largest.Select(q => q.AccountId).ToList();
        var named = await (from a in db.DivisionAccounts
                           join c in db.Customers on a.CustomerId equals c.Id
                           where ids.Contains(a.Id)
                           select new { a.Id, a.CustomerId, c.CustomerNumber, c.FullName, a.AccountNumber }).ToDictionaryAsync(x => x.Id, cancellationToken);
        return new MembershipPreview(divisionId, threshold, qualifying.Count, qualifying.Sum(q => q.Spend),
            largest.Select(q => named[q.AccountId]).Zip(largest, (n, q) => new MembershipCandidate(n.Id, n.CustomerId, n.CustomerNumber, n.FullName, n.AccountNumber, q.Spend)).ToList());
    }

    /// <summary>
    /// Makes every account that qualifies at <paramref name="threshold"/> a member, in one transaction (Cancel leaves
    /// nothing changed). <paramref name="expectedCount"/> is the preview's count: when the accounts that qualify now
    /// are a different number, nothing changes and the admin previews again, so apply does exactly what was shown.
    /// </summary>
    public async Task<int> ApplyAsync(
        int divisionId, decimal threshold, int expectedCount, IProgress<MembershipApplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        currentUser.RequireDivision(divisionId);
        Organisation.Division.ValidMembershipThreshold(threshold, "Threshold");
        return await ActivateAsync(divisionId, threshold, expectedCount, MembershipChange.Threshold, progress, cancellationToken);
    }

    /// <summary>The daily job: applies each division's threshold where automatic membership is on. Returns the new members.</summary>
    public async Task<int> RunAutoActivationAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        List<(int Id, decimal Threshold)> divisions;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            divisions = (await db.Divisions.AsNoTracking().Where(d => d.IsActive && d.AutoActivateMembership && d.MembershipThreshold != null)
                    .OrderBy(d => d.Id).Select(d => new { d.Id, d.MembershipThreshold }).ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.MembershipThreshold!.Value)).ToList();
        }

        var total = 0;
        foreach (var (id, threshold) in divisions.Where(d => currentUser.WorksIn(d.Id)))
        {
            total += await ActivateAsync(id, threshold, expectedCount: null, MembershipChange.Threshold, progress: null, cancellationToken);
        }

        return total;
    }

    /// <summary>Membership figures for the divisions the user works in; revenue is purchases net of returns over the last 12 months.</summary>
    public async Task<MembershipStatistics> StatisticsAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var divisions = await db.Divisions.AsNoTracking().Where(d => mine == null || mine.Contains(d.Id)).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var today = clock.Today;
        var windowFrom = today.AddMonths(-12).AddDays(1);
        var counts = await db.DivisionAccounts.Where(a => a.Status != DivisionAccountStatus.Closed && (mine == null || mine.Contains(a.DivisionId)))
            .GroupBy(a => new { a.DivisionId, a.IsMember }).Select(g => new { g.Key.DivisionId, g.Key.IsMember, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var bought = await (from p in db.Purchases
                            join a in db.DivisionAccounts on p.DivisionAccountId equals a.Id
                            where p.PurchasedOn >= windowFrom && p.PurchasedOn <= today && (mine == null || mine.Contains(p.DivisionId))
                            group p by new { p.DivisionId, a.IsMember } into g
                            select new { g.Key.DivisionId, g.Key.IsMember, Total = g.Sum(p => p.Total) }).ToListAsync(cancellationToken);
        var returned = await (from r in db.PurchaseReturns
                              join p in db.Purchases on r.PurchaseId equals p.Id
                              join a in db.DivisionAccounts on p.DivisionAccountId equals a.Id
                              where r.ReturnedOn >= windowFrom && r.ReturnedOn <= today && (mine == null || mine.Contains(r.DivisionId))
                              group r by new { r.DivisionId, a.IsMember } into g
                              select new { g.Key.DivisionId, g.Key.IsMember, Total = g.Sum(r => r.Amount) }).ToListAsync(cancellationToken);
        decimal Revenue(int division, bool member) =>
            bought.Where(b => b.DivisionId == division && b.IsMember == member).Sum(b => b.Total)
            - returned.Where(r => r.DivisionId == division && r.IsMember == member).Sum(r => r.Total);
        var rows = divisions.Select(d => new DivisionMembershipStatistics(d.Id, d.Name,
            counts.Where(c => c.DivisionId == d.Id).Sum(c => c.Count), counts.Where(c => c.DivisionId == d.Id && c.IsMember).Sum(c => c.Count),
            Revenue(d.Id, true), Revenue(d.Id, false), d.MembershipThreshold, d.AutoActivateMembership)).ToList();

        // New members per local month over the last 12 months: few rows (members who joined lately), grouped here so
        // the month follows the business's time zone.
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var since = clock.ToUtc(firstMonth, TimeOnly.MinValue);
        var joined = await db.DivisionAccounts.Where(a => a.IsMember && a.MemberSinceUtc >= since && (mine == null || mine.Contains(a.DivisionId)))
            .Select(a => new { a.DivisionId, At = a.MemberSinceUtc!.Value }).ToListAsync(cancellationToken);
        var newMembers = joined.Select(j => (j.DivisionId, Day: clock.LocalDate(j.At)))
            .GroupBy(j => (j.Day.Year, j.Day.Month, j.DivisionId))
            .Select(g => new NewMembersInMonth(g.Key.Year, g.Key.Month, g.Key.DivisionId, g.Count()))
            .OrderBy(n => n.Year).ThenBy(n => n.Month).ThenBy(n => n.DivisionId).ToList();
        return new MembershipStatistics(rows, newMembers, windowFrom, today);
    }

    /// <summary>A page of a division's accounts (members only, others only, or both), by customer name, with their lifetime spend.</summary>
    public async Task<MemberPage> ListAsync(
        int divisionId, bool? members, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Setters, .. Readers]);
        currentUser.RequireDivision(divisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var accounts = from a in db.DivisionAccounts
                       join c in db.Customers on a.CustomerId equals c.Id
                       where a.DivisionId == divisionId && a.Status != DivisionAccountStatus.Closed && (members == null || a.IsMember == members)
                       select new { a, c };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var key = ContactNormalisation.NameKey(text);
            accounts = accounts.Where(x => x.c.FullNameKey.StartsWith(key) || x.c.CustomerNumber == text.ToUpper() || x.a.AccountNumber == text.ToUpper());
        }

        var total = await accounts.CountAsync(cancellationToken);
        var page = await accounts.OrderBy(x => x.c.FullNameKey).ThenBy(x => x.a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Select(x => new { x.a.Id, x.a.CustomerId, x.c.CustomerNumber, x.c.FullName, x.a.AccountNumber, x.a.IsMember, x.a.MemberSinceUtc, x.a.MembershipChangedBy, x.a.MembershipChangedHow })
            .ToListAsync(cancellationToken);
        var customerIds = page.Select(p => p.CustomerId).ToList();
        var spend = await SpendAsync(db, divisionId, customerIds, cancellationToken);
        return new MemberPage(page.Select(p => new MemberRow(p.Id, p.CustomerId, p.CustomerNumber, p.FullName, p.AccountNumber, p.IsMember, p.MemberSinceUtc,
            p.MembershipChangedBy, p.MembershipChangedHow, spend.GetValueOrDefault(p.CustomerId))).ToList(), total);
    }

    private async Task<int> ActivateAsync(
        int divisionId, decimal threshold, int? expectedCount, MembershipChange how, IProgress<MembershipApplyProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RequireDivisionExistsAsync(db, divisionId, cancellationToken);
        var qualifying = await QualifyingAsync(db, divisionId, threshold, cancellationToken);
        if (expectedCount is { } expected && expected != qualifying.Count)
        {
            throw new DomainException(
                $"{qualifying.Count:N0} accounts qualify now, not the {expected:N0} previewed; purchases or memberships changed since. Preview again.");
        }

        var ids = qualifying.Select(q => q.AccountId).Order().ToList();
        var (now, by, done) = (clock.UtcNow, currentUser.UserName, 0);
        progress?.Report(new MembershipApplyProgress(0, ids.Count));
        foreach (var chunk in ids.Chunk(ApplyChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var accounts = await db.DivisionAccounts.Where(a => chunk.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
            var joined = accounts.Where(a => a.SetMembership(true, how, by, now)).ToList();
            await WelcomeAsync(db, joined, cancellationToken);
            await db.SaveOrExplainAsync(cancellationToken);
            done += chunk.Length;
            progress?.Report(new MembershipApplyProgress(done, ids.Count));
        }

        await transaction.CommitAsync(cancellationToken);
        if (ids.Count > 0)
        {
            signal.Notify();
        }

        return ids.Count;
    }

    /// <summary>
    /// Accounts in the division that are not members yet, open (not closed or blacklisted) and of an active customer,
    /// whose lifetime purchases net of returns reach <paramref name="threshold"/>. Purchases are summed per customer in
    /// SQL; the comparison is made here (money is stored as cents through a converter).
    /// </summary>
    private static async Task<List<(int AccountId, decimal Spend)>> QualifyingAsync(
        ICustomerDb db, int divisionId, decimal threshold, CancellationToken cancellationToken)
    {
        var open = await (from a in db.DivisionAccounts
                          join c in db.Customers on a.CustomerId equals c.Id
                          where a.DivisionId == divisionId && !a.IsMember && c.IsActive
                                && a.Status != DivisionAccountStatus.Closed && a.Status != DivisionAccountStatus.Blacklisted && !c.IsBlacklisted
                          select new { a.Id, a.CustomerId }).ToListAsync(cancellationToken);
        var spend = await SpendAsync(db, divisionId, null, cancellationToken);
        return open.Select(a => (a.Id, Spend: spend.GetValueOrDefault(a.CustomerId))).Where(a => a.Spend >= threshold).ToList();
    }

    /// <summary>Lifetime purchases net of returns per customer in the division (of <paramref name="customerIds"/> only, when given).</summary>
    private static async Task<Dictionary<int, decimal>> SpendAsync(
        ICustomerDb db, int divisionId, IReadOnlyList<int>? customerIds, CancellationToken cancellationToken)
    {
        var purchases = db.Purchases.Where(p => p.DivisionId == divisionId);
        var returns = db.PurchaseReturns.Where(r => r.DivisionId == divisionId);
        if (customerIds is not null)
        {
            purchases = purchases.Where(p => customerIds.Contains(p.CustomerId));
            returns = returns.Where(r => customerIds.Contains(r.CustomerId));
        }

        var bought = await purchases.GroupBy(p => p.CustomerId).Select(g => new { g.Key, Total = g.Sum(p => p.Total) }).ToListAsync(cancellationToken);
        var back = await returns.GroupBy(r => r.CustomerId).Select(g => new { g.Key, Total = g.Sum(r => r.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Total, cancellationToken);
        return bought.ToDictionary(b => b.Key, b => b.Total - back.GetValueOrDefault(b.Key));
    }

    /// <summary>Queues the welcome message for each new member (by the customer's preferred channel; skipped with no address or template).</summary>
    private async Task WelcomeAsync(ICustomerDb db, IReadOnlyList<DivisionAccount> joined, CancellationToken cancellationToken)
    {
        if (joined.Count == 0)
        {
            return;
        }

        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var divisionIds = joined.Select(a => a.DivisionId).Distinct().ToList();
        var divisions = await db.Divisions.Where(d => divisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var customerIds = joined.Select(a => a.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var account in joined)
        {
            var customer = customers[account.CustomerId];
            var channel = ServiceMessageService.ChannelFor(customer, null);
            string to;
            RenderedMessage rendered;
            try
            {
                to = Outbox.AddressFor(customer, channel);
                var values = MessageValues.ForCustomer(customer, business.Name, MessageValues.FormatMoney(business.Currency, account.Balance))
                    .With(new Dictionary<string, string?>(StringComparer.Ordinal)
                    {
                        ["DivisionName"] = divisions.GetValueOrDefault(account.DivisionId, ""),
                        ["AccountNumber"] = account.AccountNumber,
                    });
                rendered = await templates.RenderAsync(TemplatePurpose.MembershipWelcome, channel, customer.PreferredLanguage, values, cancellationToken);
            }
            catch (DomainException)
            {
                // No address for the channel, or no template: the membership stands; there is no one to tell.
                continue;
            }

            Outbox.Queue(db, new OutgoingMessage(customer.Id, channel, CommunicationType.Service, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
                DivisionAccountId: account.Id, IdempotencyKey: $"membership:{account.Id}:{account.MemberSinceUtc!.Value.Ticks}"), to, currentUser.UserName, clock.UtcNow);
        }
    }

    private static async Task RequireDivisionExistsAsync(ICustomerDb db, int divisionId, CancellationToken cancellationToken)
    {
        if (!await db.Divisions.AnyAsync(d => d.Id == divisionId, cancellationToken))
        {
            throw new NotFoundException("That division does not exist.");
        }
    }
}
