using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>What one billing run did.</summary>
public sealed record BillingRunResult(
    DateOnly Day, int Due, int Charged, int AlreadyCharged, decimal TotalCharged, int Renewed, int InvoicesQueued, int NoAddress,
    int NotBilled, int Suspended);

/// <summary>
/// The billing run (issue 19): every active subscription whose next billing date has come is charged its price for
/// the period on its division account (a sale on account referenced with the subscription's number, due after the
/// account's terms), once per subscription and period like interest (a request id made from both, so a second run,
/// the daily job and "run now" on two servers post nothing twice); a period missed while the job did not run is
/// charged on the next run. The next billing date moves on, the yearly renewal applies the plan's current price, and the
/// invoice message is queued in the same transaction. Then active subscriptions with a charge unpaid longer than their
/// plan allows are suspended. Runs in chunks that each commit on their own.
/// </summary>
public sealed class SubscriptionBillingService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, MessageTemplateService templates, OutboxSignal signal)
{
    public const string RunnerRoles = Roles.Accountant + "," + Roles.Admin;
    private const int ChunkSize = 200;

    /// <summary>The request id of a subscription's charge for the period starting on <paramref name="periodStart"/>: the same every time.</summary>
    public static Guid RequestId(int subscriptionId, DateOnly periodStart) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"subscription:{subscriptionId}:{periodStart:yyyy-MM-dd}")).AsSpan(0, 16));

    public static string InvoiceKey(int subscriptionId, DateOnly periodStart) => $"subscription-invoice:{subscriptionId}:{periodStart:yyyy-MM-dd}";

    public Task<BillingRunResult> RunAsync(CancellationToken cancellationToken = default) => RunAsync(clock.Today, cancellationToken);

    /// <summary>
    /// The run for <paramref name="today"/>. <paramref name="sendInvoices"/> false posts the charges without queueing
    /// invoice messages (loading history that customers were already invoiced for elsewhere).
    /// </summary>
    public async Task<BillingRunResult> RunAsync(DateOnly today, CancellationToken cancellationToken = default, bool sendInvoices = true)
    {
        currentUser.Require(Roles.Accountant, Roles.Admin);
        var mine = currentUser.DivisionIds;
        List<int> due;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            due = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.Active && s.NextBillingDate <= today)
                .Where(s => mine == null || mine.Contains(s.DivisionId))
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        var totals = new Totals();
        foreach (var chunk in due.Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await BillChunkAsync(chunk, today, sendInvoices, totals, cancellationToken);
        }

        var suspended = await SuspendOverdueAsync(today, cancellationToken);
        if (totals.Queued > 0)
        {
            signal.Notify();
        }

        return new BillingRunResult(today, due.Count, totals.Charged, totals.Already, totals.Total, totals.Renewed, totals.Queued, totals.NoAddress,
            totals.NotBilled, suspended);
    }

    private sealed class Totals
    {
        public int Charged { get; set; }

        public int Already { get; set; }

        public decimal Total { get; set; }

        public int Renewed { get; set; }

        public int Queued { get; set; }

        public int NoAddress { get; set; }

        public int NotBilled { get; set; }
    }

    private async Task BillChunkAsync(int[] ids, DateOnly today, bool sendInvoices, Totals totals, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscriptions = await db.Subscriptions.Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var planIds = subscriptions.Select(s => s.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var customerIds = subscriptions.Select(s => s.CustomerId).Distinct().ToList();
        var accounts = (await db.DivisionAccounts.Where(a => customerIds.Contains(a.CustomerId)).ToListAsync(cancellationToken))
            .ToDictionary(a => (a.CustomerId, a.DivisionId));
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var periods = new List<(Subscription Subscription, BillingPeriod Period, decimal Price, bool Renewed)>();
        foreach (var subscription in subscriptions)
        {
            while (subscription.IsDue(today))
            {
                var (period, price, renewed) = subscription.Bill(plans[subscription.PlanId].Price);
                periods.Add((subscription, period, price, renewed));
            }
        }

        var requestIds = periods.Select(p => (Guid?)RequestId(p.Subscription.Id, p.Period.Start)).ToList();
        var posted = (await db.AccountEntries.AsNoTracking().Where(e => requestIds.Contains(e.RequestId)).Select(e => e.RequestId!.Value)
            .ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (subscription, period, price, renewed) in periods)
        {
            totals.Renewed += renewed ? 1 : 0;
            var requestId = RequestId(subscription.Id, period.Start);
            if (posted.Contains(requestId))
            {
                totals.Already++;
                continue;
            }

            if (!accounts.TryGetValue((subscription.CustomerId, subscription.DivisionId), out var account)
                || account.Status is DivisionAccountStatus.Closed or DivisionAccountStatus.Blacklisted)
            {
                // Nothing to post to (a merge closed it, or it was blacklisted): the period is left for a person to look at.
                totals.NotBilled++;
                continue;
            }

            if (price == 0)
            {
                continue;
            }

            if (account.Balance < 0)
            {
                // The allocations read the stored ledger: what this chunk posted so far is saved first.
                await db.SaveChangesAsync(cancellationToken);
            }

            var plan = plans[subscription.PlanId];
            var description = $"{plan.Name} {Dates(period)}";
            var charge = await AccountLedgerService.PostServiceChargeAsync(db, account, price, today, subscription.SubscriptionNumber,
                description.Length > 200 ? description[..200] : description, requestId, clock.UtcNow, currentUser.UserName, cancellationToken);
            totals.Charged++;
            totals.Total += charge.Amount;
            if (!sendInvoices)
            {
                continue;
            }

            if (await QueueInvoiceAsync(db, customers[subscription.CustomerId], business.Name, business.Currency, subscription, plan, account,
                    divisions.GetValueOrDefault(account.DivisionId, ""), period, charge, cancellationToken))
            {
                totals.Queued++;
            }
            else
            {
                totals.NoAddress++;
            }
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> QueueInvoiceAsync(
        ICustomerDb db, Customers.Customer customer, string businessName, string currency, Subscription subscription, Plan plan,
        DivisionAccount account, string divisionName, BillingPeriod period, AccountEntry charge, CancellationToken cancellationToken)
    {
        var channel = ServiceMessageService.ChannelFor(customer, null);
        string to;
        try
        {
            to = Outbox.AddressFor(customer, channel);
        }
        catch (DomainException)
        {
            return false;
        }

        var values = MessageValues.ForCustomer(customer, businessName, MessageValues.FormatMoney(currency, account.Balance))
            .With(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["SubscriptionNumber"] = subscription.SubscriptionNumber,
                ["PlanName"] = plan.Name,
                ["Period"] = $"{MessageValues.FormatDate(period.Start)} to {MessageValues.FormatDate(period.End.AddDays(-1))}",
                ["Amount"] = MessageValues.FormatMoney(currency, charge.Amount),
                ["DueDate"] = charge.DueDate is { } due ? MessageValues.FormatDate(due) : "",
                ["AccountNumber"] = account.AccountNumber,
                ["DivisionName"] = divisionName,
            });
        RenderedMessage rendered;
        try
        {
            rendered = await templates.RenderAsync(TemplatePurpose.SubscriptionInvoice, channel, customer.PreferredLanguage, values, cancellationToken);
        }
        catch (DomainException)
        {
            return false;
        }

        Outbox.Queue(db, new OutgoingMessage(customer.Id, channel, CommunicationType.Service, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
            DivisionAccountId: account.Id, IdempotencyKey: InvoiceKey(subscription.Id, period.Start)), to, currentUser.UserName, clock.UtcNow);
        return true;
    }

    /// <summary>
    /// Suspends active subscriptions (in the user's divisions) with a charge unpaid more than their plan's
    /// <see cref="Plan.SuspendAfterOverdueDays"/> past its due date. Only accounts that owe something are read.
    /// </summary>
    private async Task<int> SuspendOverdueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var candidates = await (from s in db.Subscriptions
                                join p in db.Plans on s.PlanId equals p.Id
                                join a in db.DivisionAccounts on new { s.CustomerId, s.DivisionId } equals new { a.CustomerId, a.DivisionId }
                                where s.Status == SubscriptionStatus.Active && p.SuspendAfterOverdueDays != null && a.Balance > 0
                                      && (mine == null || mine.Contains(s.DivisionId))
                                orderby s.Id
                                select new { s.Id, AccountId = a.Id, s.SubscriptionNumber, Days = p.SuspendAfterOverdueDays!.Value })
            .ToListAsync(cancellationToken);
        var suspended = 0;
        foreach (var chunk in candidates.Chunk(500))
        {
            var unpaid = await SubscriptionLedger.UnpaidAsync(db, chunk.Select(c => (c.AccountId, c.SubscriptionNumber)).ToList(), cancellationToken);
            var late = chunk.Where(c => unpaid.GetValueOrDefault(c.SubscriptionNumber)?.OldestDue is { } due && today.DayNumber - due.DayNumber > c.Days)
                .ToDictionary(c => c.Id);
            if (late.Count == 0)
            {
                continue;
            }

            var ids = late.Keys.ToList();
            foreach (var subscription in await db.Subscriptions.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken))
            {
                var due = unpaid[subscription.SubscriptionNumber].OldestDue!.Value;
                subscription.Suspend(
                    $"Unpaid for {today.DayNumber - due.DayNumber} days (a charge was due on {due:yyyy-MM-dd}; the plan allows {late[subscription.Id].Days})", today);
                suspended++;
            }

            await db.SaveOrExplainAsync(cancellationToken);
        }

        return suspended;
    }

    private static string Dates(BillingPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd} to {period.End.AddDays(-1):yyyy-MM-dd}");
}
