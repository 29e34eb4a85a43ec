using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Tasks;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>What one day's reminder run did; <see cref="NotSent"/>: customers with no address (or no template) for their channel.</summary>
public sealed record ReminderRunResult(int BeforeDue, int AfterDue, int TasksCreated, int NotSent);

/// <summary>
/// Automatic reminders by division (issue 16): <see cref="Organisation.Division.ReminderDaysBefore"/> days before a layby
/// instalment or an account charge falls due, and <see cref="Organisation.Division.ReminderDaysAfter"/> days after it was
/// missed, one message per instalment or charge and threshold (the outbox's idempotency key makes a second run, or a
/// second node, send nothing more), plus a collections task for the customer's collections officer or account manager,
/// else the division's first credit manager. Runs as the system user from the daily job.
/// </summary>
public sealed class AutomaticReminders(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, OutboxSignal signal, MessageTemplateService templates,
    FollowUpService tasks, ICollectionsAssignees assignees)
{
    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        List<Organisation.Division> divisions;
        string currency, businessName;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            divisions = await db.Divisions.AsNoTracking().Where(d => d.IsActive && (d.ReminderDaysBefore != null || d.ReminderDaysAfter != null))
                .OrderBy(d => d.Id).ToListAsync(cancellationToken);
            var business = await db.Businesses.OrderBy(b => b.Id).Select(b => new { b.Currency, b.Name }).FirstAsync(cancellationToken);
            (currency, businessName) = (business.Currency, business.Name);
        }

        var totals = new ReminderRunResult(0, 0, 0, 0);
        foreach (var division in divisions)
        {
            foreach (var due in DueItems(division, today))
            {
                totals = Add(totals, await RemindLaybysAsync(division, due, today, currency, businessName, cancellationToken));
                totals = Add(totals, await RemindAccountsAsync(division, due, today, currency, businessName, cancellationToken));
            }
        }

        return totals;
    }

    /// <summary>The due dates the run looks at today: in N days (before), N days ago (after).</summary>
    private static IEnumerable<(DateOnly DueDate, bool After)> DueItems(Organisation.Division division, DateOnly today)
    {
        if (division.ReminderDaysBefore is { } before)
        {
            yield return (today.AddDays(before), false);
        }

        if (division.ReminderDaysAfter is { } after)
        {
            yield return (today.AddDays(-after), true);
        }
    }

    private async Task<ReminderRunResult> RemindLaybysAsync(
        Organisation.Division division, (DateOnly DueDate, bool After) due, DateOnly today, string currency, string businessName, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var laybys = await db.Laybys.AsNoTracking().AsSplitQuery().Include(l => l.Instalments).Include(l => l.Entries)
            .Where(l => l.DivisionId == division.Id && l.Status == LaybyStatus.Active && l.Instalments.Any(i => i.DueDate == due.DueDate))
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var result = new ReminderRunResult(0, 0, 0, 0);
        foreach (var layby in laybys)
        {
            foreach (var line in LaybyService.ScheduleStatus(layby.Instalments, layby.TotalPaid - layby.Deposit, today)
                         .Where(l => l.DueDate == due.DueDate && l.Paid < l.Amount))
            {
                var key = $"reminder:layby:{layby.Id}:{line.Number}:{(due.After ? "after" : "before")}";
                var values = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["LaybyNumber"] = layby.LaybyNumber,
                    ["AmountDue"] = MessageValues.FormatMoney(currency, line.Amount - line.Paid),
                    ["DueDate"] = MessageValues.FormatDate(line.DueDate),
                    ["Balance"] = MessageValues.FormatMoney(currency, layby.Balance),
                    ["DivisionName"] = division.Name,
                };
                result = Add(result, await RemindAsync(layby.CustomerId, division, businessName, TemplatePurpose.LaybyInstalmentReminder, values, key, due.After,
                    layby.Id, null, $"Collect missed instalment {line.Number} of {layby.LaybyNumber}", today, cancellationToken));
            }
        }

        return result;
    }

    private async Task<ReminderRunResult> RemindAccountsAsync(
        Organisation.Division division, (DateOnly DueDate, bool After) due, DateOnly today, string currency, string businessName, CancellationToken cancellationToken)
    {
        List<DivisionAccount> accounts;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            accounts = await db.DivisionAccounts.AsNoTracking()
                .Where(a => a.DivisionId == division.Id && a.Status != DivisionAccountStatus.Closed
                            && db.AccountEntries.Any(e => e.DivisionAccountId == a.Id && e.Amount > 0 && e.DueDate == due.DueDate))
                .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        }

        var result = new ReminderRunResult(0, 0, 0, 0);
        foreach (var account in accounts)
        {
            List<OpenCharge> open;
            await using (var db = await dbFactory.OpenAsync(cancellationToken))
            {
                var (entries, allocations) = await AccountLedgerService.LoadLedgerAsync(db, account.Id, tracked: false, cancellationToken);
                open = new AccountLedger(entries, allocations).OpenCharges().Where(c => c.Charge.DueDate == due.DueDate).ToList();
            }

            if (open.Count == 0)
            {
                continue;
            }

            // One message per account and due date: charges falling due on the same day are one amount to pay.
            var key = $"reminder:account:{account.Id}:{due.DueDate:yyyyMMdd}:{(due.After ? "after" : "before")}";
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AccountNumber"] = account.AccountNumber,
                ["AmountDue"] = MessageValues.FormatMoney(currency, open.Sum(c => c.Open)),
                ["DueDate"] = MessageValues.FormatDate(due.DueDate),
                ["Balance"] = MessageValues.FormatMoney(currency, account.Balance),
                ["DivisionName"] = division.Name,
            };
            var purpose = due.After ? TemplatePurpose.OverdueAccountReminder : TemplatePurpose.AccountDueReminder;
            result = Add(result, await RemindAsync(account.CustomerId, division, businessName, purpose, values, key, due.After,
                null, account.Id, $"Collect {values["AmountDue"]} overdue on {account.AccountNumber}", today, cancellationToken));
        }

        return result;
    }

    private async Task<ReminderRunResult> RemindAsync(
        int customerId, Organisation.Division division, string businessName, TemplatePurpose purpose, Dictionary<string, string?> recordValues, string key, bool after,
        int? laybyId, int? accountId, string taskTitle, DateOnly today, CancellationToken cancellationToken)
    {
        int before = 0, overdue = 0, created = 0, noAddress = 0;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            if (!await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
            {
                var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == customerId, cancellationToken);
                var channel = ServiceMessageService.ChannelFor(customer, null);
                try
                {
                    var to = Outbox.AddressFor(customer, channel);
                    var values = MessageValues.ForCustomer(customer, businessName, recordValues["Balance"]!).With(recordValues);
                    var rendered = await templates.RenderAsync(purpose, channel, customer.PreferredLanguage, values, cancellationToken);
                    Outbox.Queue(db, new OutgoingMessage(customerId, channel, CommunicationType.Reminder, rendered.Subject, rendered.TextBody,
                        rendered.HtmlBody, LaybyId: laybyId, DivisionAccountId: accountId, IdempotencyKey: key), to, currentUser.UserName, clock.UtcNow);
                    await db.SaveChangesAsync(cancellationToken);
                    signal.Notify();
                    _ = after ? overdue++ : before++;
                }
                catch (DomainException)
                {
                    noAddress++;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // Another node queued it a moment ago: once is enough.
                }
            }
        }

        if (after && await assignees.AssigneeForAsync(customerId, division.Id, cancellationToken) is { } assignee
            && await tasks.CreateOnceAsync($"collections:{key}", customerId, assignee, taskTitle, today, laybyId, accountId, cancellationToken))
        {
            created++;
        }

        return new ReminderRunResult(before, overdue, created, noAddress);
    }

    private static ReminderRunResult Add(ReminderRunResult a, ReminderRunResult b) =>
        new(a.BeforeDue + b.BeforeDue, a.AfterDue + b.AfterDue, a.TasksCreated + b.TasksCreated, a.NotSent + b.NotSent);
}

/// <summary>Who follows up a customer's missed payment: the seam between reminders and account management.</summary>
public interface ICollectionsAssignees
{
    /// <summary>The sign-in name of the person to chase the customer in the division, or null when nobody can.</summary>
    Task<string?> AssigneeForAsync(int customerId, int divisionId, CancellationToken cancellationToken);
}

/// <summary>
/// The customer's active collections officer, else account manager (issue 17 assignments), when that employee has a
/// sign-in that is enabled; else the division's first credit manager (by sign-in name) who works in the division.
/// </summary>
public sealed class CollectionsAssignees(ICustomerDbFactory dbFactory) : ICollectionsAssignees
{
    public async Task<string?> AssigneeForAsync(int customerId, int divisionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var assigned = await (from a in db.CustomerAssignments.AsNoTracking()
                              join e in db.Employees.AsNoTracking() on a.EmployeeId equals e.Id
                              join u in db.Users.AsNoTracking() on e.UserId equals u.Id
                              where a.CustomerId == customerId && a.IsActive && !u.IsDisabled
                                    && (a.Role == Assignments.AssignmentRole.CollectionsOfficer || a.Role == Assignments.AssignmentRole.AccountManager)
                              orderby a.Role == Assignments.AssignmentRole.CollectionsOfficer ? 0 : 1, a.Id
                              select u.UserName).FirstOrDefaultAsync(cancellationToken);
        if (assigned is not null)
        {
            return assigned;
        }

        var roleId = await db.Roles.Where(r => r.Name == Roles.CreditManager).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId)
                        && (!db.UserDivisions.Any(d => d.UserId == u.Id) || db.UserDivisions.Any(d => d.UserId == u.Id && d.DivisionId == divisionId)))
            .OrderBy(u => u.UserName).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
    }
}
