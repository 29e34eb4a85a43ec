using System.Globalization;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Privacy;

/// <summary>
/// Every row the database holds on one customer, table by table: what a privacy export hands out and what a
/// pseudonymisation goes through. A new per-customer table belongs here (the privacy tests compare it with the model).
/// </summary>
public sealed class CustomerRecords
{
    public required Customer Customer { get; init; }

    /// <summary>Duplicates merged into this customer: the same person's earlier records (inactive, kept for the undo).</summary>
    public required List<Customer> MergedCustomers { get; init; }

    /// <summary>The customer's tags, and those of the merged duplicates.</summary>
    public required List<CustomerTag> Tags { get; init; }

    public required List<DivisionAccount> Accounts { get; init; }

    public required List<AccountEntry> AccountEntries { get; init; }

    public required List<PaymentAllocation> PaymentAllocations { get; init; }

    public required List<WriteOff> WriteOffs { get; init; }

    public required List<CreditLineEvent> CreditLineEvents { get; init; }

    /// <summary>With their items, instalments and entries.</summary>
    public required List<Layby> Laybys { get; init; }

    public required List<CreditApplication> CreditApplications { get; init; }

    public required List<Statement> Statements { get; init; }

    public required List<DuplicateDismissal> DuplicateDismissals { get; init; }

    public required List<CustomerMerge> Merges { get; init; }

    public required List<PrivacyRequest> PrivacyRequests { get; init; }

    public required List<Domain.Notes.CustomerNote> Notes { get; init; }

    public required List<Domain.Communications.Communication> Communications { get; init; }

    /// <summary>Messages sent or waiting to be sent, with the address and the words.</summary>
    public required List<Messaging.OutboxMessage> OutboxMessages { get; init; }
    /// <summary>Where the customer belonged to institutions and as what.</summary>
    public required List<Domain.Institutions.InstitutionMembership> InstitutionMemberships { get; init; }

    /// <summary>The employees who look or looked after the customer.</summary>
    public required List<Domain.Assignments.CustomerAssignment> CustomerAssignments { get; init; }

    /// <summary>An institution billed as this (business, government or NGO) customer, and who looks after it.</summary>
    public required List<Domain.Institutions.Institution> Institutions { get; init; }

    public required List<Domain.Assignments.InstitutionAssignment> InstitutionAssignments { get; init; }
    public required List<Domain.Tasks.FollowUpTask> Tasks { get; init; }

    /// <summary>With their lines and payments.</summary>
    public required List<Domain.Purchases.Purchase> Purchases { get; init; }

    /// <summary>With their lines.</summary>
    public required List<Domain.Purchases.PurchaseReturn> PurchaseReturns { get; init; }

    public required List<Domain.Loyalty.PointEntry> PointEntries { get; init; }

    /// <summary>Subscriptions billed to the customer, with their usage, survey answers and support tickets.</summary>
    public required List<Domain.Subscriptions.Subscription> Subscriptions { get; init; }

    public required List<Domain.Subscriptions.UsageRecord> UsageRecords { get; init; }

    public required List<Domain.Subscriptions.SurveyAnswer> SurveyAnswers { get; init; }

    public required List<Domain.Subscriptions.SupportTicket> SupportTickets { get; init; }

    public required List<Domain.Success.Engagement> Engagements { get; init; }

    /// <summary>The daily health history and the current standing (with a manual lifecycle status and its reason).</summary>
    public required List<Domain.Success.HealthScore> HealthScores { get; init; }

    public required List<Domain.Success.CustomerHealth> CustomerHealths { get; init; }

    /// <summary>Audit rows about any of the rows above.</summary>
    public required List<AuditEntry> AuditEntries { get; init; }

    /// <summary>Reads everything; <paramref name="tracked"/> for a pseudonymisation that changes it.</summary>
    public static async Task<CustomerRecords> LoadAsync(ICustomerDb db, int customerId, bool tracked, CancellationToken cancellationToken)
    {
        IQueryable<T> Q<T>(DbSet<T> set)
            where T : class => tracked ? set : set.AsNoTracking();

        var customer = await Q(db.Customers).FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var mergedCustomers = await Q(db.Customers).Where(c => c.MergedIntoId == customerId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var customerIds = mergedCustomers.Select(c => c.Id).Append(customerId).ToList();
        var accountIds = db.DivisionAccounts.Where(a => a.CustomerId == customerId).Select(a => a.Id);
        var entryIds = db.AccountEntries.Where(e => accountIds.Contains(e.DivisionAccountId)).Select(e => e.Id);
        var records = new CustomerRecords
        {
            Customer = customer,
            MergedCustomers = mergedCustomers,
            Tags = await Q(db.CustomerTags).Where(t => customerIds.Contains(t.CustomerId)).OrderBy(t => t.CustomerId).ThenBy(t => t.Tag).ToListAsync(cancellationToken),
            Accounts = await Q(db.DivisionAccounts).Where(a => a.CustomerId == customerId).OrderBy(a => a.Id).ToListAsync(cancellationToken),
            AccountEntries = await Q(db.AccountEntries).Where(e => accountIds.Contains(e.DivisionAccountId)).OrderBy(e => e.Id).ToListAsync(cancellationToken),
            PaymentAllocations = await Q(db.PaymentAllocations)
                .Where(a => entryIds.Contains(a.PaymentEntryId) || entryIds.Contains(a.ChargeEntryId)).OrderBy(a => a.Id).ToListAsync(cancellationToken),
            WriteOffs = await Q(db.WriteOffs).Where(w => accountIds.Contains(w.DivisionAccountId)).OrderBy(w => w.Id).ToListAsync(cancellationToken),
            CreditLineEvents = await Q(db.CreditLineEvents).Where(e => accountIds.Contains(e.DivisionAccountId)).OrderBy(e => e.Id).ToListAsync(cancellationToken),
            Laybys = await Q(db.Laybys).AsSplitQuery().Include(l => l.Items).Include(l => l.Instalments).Include(l => l.Entries)
                .Where(l => l.CustomerId == customerId).OrderBy(l => l.Id).ToListAsync(cancellationToken),
            CreditApplications = await Q(db.CreditApplications).Where(a => a.CustomerId == customerId).OrderBy(a => a.Id).ToListAsync(cancellationToken),
            Statements = await Q(db.Statements).Where(s => s.CustomerId == customerId || accountIds.Contains(s.DivisionAccountId))
                .OrderBy(s => s.Id).ToListAsync(cancellationToken),
            DuplicateDismissals = await Q(db.DuplicateDismissals).Where(d => d.CustomerId == customerId || d.OtherCustomerId == customerId)
                .OrderBy(d => d.CustomerId).ThenBy(d => d.OtherCustomerId).ToListAsync(cancellationToken),
            Merges = await Q(db.CustomerMerges).Where(m => m.SurvivorId == customerId || m.MergedId == customerId).OrderBy(m => m.Id).ToListAsync(cancellationToken),
            PrivacyRequests = await Q(db.PrivacyRequests).Where(r => r.CustomerId == customerId).OrderBy(r => r.Id).ToListAsync(cancellationToken),
            Notes = await Q(db.CustomerNotes).Where(n => n.CustomerId == customerId).OrderBy(n => n.Id).ToListAsync(cancellationToken),
            Communications = await Q(db.Communications).Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync(cancellationToken),
            OutboxMessages = await Q(db.OutboxMessages).Where(m => m.CustomerId == customerId).OrderBy(m => m.Id).ToListAsync(cancellationToken),
            InstitutionMemberships = await Q(db.InstitutionMemberships).Where(m => m.CustomerId == customerId).OrderBy(m => m.Id).ToListAsync(cancellationToken),
            CustomerAssignments = await Q(db.CustomerAssignments).Where(a => a.CustomerId == customerId).OrderBy(a => a.Id).ToListAsync(cancellationToken),
            Institutions = await Q(db.Institutions).Where(i => i.BillingCustomerId == customerId).OrderBy(i => i.Id).ToListAsync(cancellationToken),
            InstitutionAssignments = await Q(db.InstitutionAssignments)
                .Where(a => db.Institutions.Any(i => i.Id == a.InstitutionId && i.BillingCustomerId == customerId)).OrderBy(a => a.Id).ToListAsync(cancellationToken),
            Tasks = await Q(db.FollowUpTasks).Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync(cancellationToken),
            Purchases = await Q(db.Purchases).AsSplitQuery().Include(p => p.Lines).Include(p => p.Payments)
                .Where(p => p.CustomerId == customerId).OrderBy(p => p.Id).ToListAsync(cancellationToken),
            PurchaseReturns = await Q(db.PurchaseReturns).Include(r => r.Lines).Where(r => r.CustomerId == customerId).OrderBy(r => r.Id).ToListAsync(cancellationToken),
            PointEntries = await Q(db.PointEntries).Where(e => e.CustomerId == customerId).OrderBy(e => e.Id).ToListAsync(cancellationToken),
            Subscriptions = await Q(db.Subscriptions).Where(s => s.CustomerId == customerId).OrderBy(s => s.Id).ToListAsync(cancellationToken),
            UsageRecords = await Q(db.UsageRecords).Where(u => db.Subscriptions.Any(s => s.Id == u.SubscriptionId && s.CustomerId == customerId))
                .OrderBy(u => u.Id).ToListAsync(cancellationToken),
            SurveyAnswers = await Q(db.SurveyAnswers).Where(a => db.Subscriptions.Any(s => s.Id == a.SubscriptionId && s.CustomerId == customerId))
                .OrderBy(a => a.Id).ToListAsync(cancellationToken),
            SupportTickets = await Q(db.SupportTickets).Where(t => db.Subscriptions.Any(s => s.Id == t.SubscriptionId && s.CustomerId == customerId))
                .OrderBy(t => t.Id).ToListAsync(cancellationToken),
            Engagements = await Q(db.Engagements).Where(e => e.CustomerId == customerId).OrderBy(e => e.Id).ToListAsync(cancellationToken),
            HealthScores = await Q(db.HealthScores).Where(h => h.CustomerId == customerId).OrderBy(h => h.Id).ToListAsync(cancellationToken),
            CustomerHealths = await Q(db.CustomerHealths).Where(h => h.CustomerId == customerId).OrderBy(h => h.Id).ToListAsync(cancellationToken),
            AuditEntries = [],
        };
        foreach (var (entityType, keys) in records.AuditKeys())
        {
            foreach (var chunk in keys.Chunk(500))
            {
                records.AuditEntries.AddRange(await Q(db.AuditEntries)
                    .Where(a => a.EntityType == entityType && chunk.Contains(a.EntityKey)).ToListAsync(cancellationToken));
            }
        }

        records.AuditEntries.Sort((a, b) => a.Id.CompareTo(b.Id));
        return records;
    }

    /// <summary>The audit trail's (entity, key) of every row above, as the audit interceptor writes them.</summary>
    public IEnumerable<(string EntityType, List<string> Keys)> AuditKeys()
    {
        static string K(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
        yield return (nameof(Customers.Customer), [K(Customer.Id), .. MergedCustomers.Select(c => K(c.Id))]);
        yield return (nameof(CustomerTag), Tags.Select(t => $"{K(t.CustomerId)}|{t.Tag}").ToList());
        yield return (nameof(DivisionAccount), Accounts.Select(a => K(a.Id)).ToList());
        yield return (nameof(AccountEntry), AccountEntries.Select(e => K(e.Id)).ToList());
        yield return (nameof(PaymentAllocation), PaymentAllocations.Select(a => K(a.Id)).ToList());
        yield return (nameof(WriteOff), WriteOffs.Select(w => K(w.Id)).ToList());
        yield return (nameof(CreditLineEvent), CreditLineEvents.Select(e => K(e.Id)).ToList());
        yield return (nameof(Layby), Laybys.Select(l => K(l.Id)).ToList());
        yield return (nameof(LaybyItem), Laybys.SelectMany(l => l.Items).Select(i => K(i.Id)).ToList());
        yield return (nameof(LaybyInstalment), Laybys.SelectMany(l => l.Instalments).Select(i => K(i.Id)).ToList());
        yield return (nameof(LaybyEntry), Laybys.SelectMany(l => l.Entries).Select(e => K(e.Id)).ToList());
        yield return (nameof(CreditApplication), CreditApplications.Select(a => K(a.Id)).ToList());
        yield return (nameof(Statement), Statements.Select(s => K(s.Id)).ToList());
        yield return (nameof(DuplicateDismissal), DuplicateDismissals.Select(d => $"{K(d.CustomerId)}|{K(d.OtherCustomerId)}").ToList());
        yield return (nameof(CustomerMerge), Merges.Select(m => K(m.Id)).ToList());
        yield return (nameof(PrivacyRequest), PrivacyRequests.Select(r => K(r.Id)).ToList());
        yield return (nameof(Domain.Notes.CustomerNote), Notes.Select(n => K(n.Id)).ToList());
        yield return (nameof(Domain.Communications.Communication), Communications.Select(c => K(c.Id)).ToList());
        yield return (nameof(Messaging.OutboxMessage), OutboxMessages.Select(m => K(m.Id)).ToList());
        yield return (nameof(Domain.Institutions.InstitutionMembership), InstitutionMemberships.Select(m => K(m.Id)).ToList());
        yield return (nameof(Domain.Assignments.CustomerAssignment), CustomerAssignments.Select(a => K(a.Id)).ToList());
        yield return (nameof(Domain.Institutions.Institution), Institutions.Select(i => K(i.Id)).ToList());
        yield return (nameof(Domain.Assignments.InstitutionAssignment), InstitutionAssignments.Select(a => K(a.Id)).ToList());
        yield return (nameof(Domain.Tasks.FollowUpTask), Tasks.Select(t => K(t.Id)).ToList());
        yield return (nameof(Domain.Purchases.Purchase), Purchases.Select(p => K(p.Id)).ToList());
        yield return (nameof(Domain.Purchases.PurchaseLine), Purchases.SelectMany(p => p.Lines).Select(l => K(l.Id)).ToList());
        yield return (nameof(Domain.Purchases.PurchasePayment), Purchases.SelectMany(p => p.Payments).Select(t => K(t.Id)).ToList());
        yield return (nameof(Domain.Purchases.PurchaseReturn), PurchaseReturns.Select(r => K(r.Id)).ToList());
        yield return (nameof(Domain.Purchases.PurchaseReturnLine), PurchaseReturns.SelectMany(r => r.Lines).Select(l => K(l.Id)).ToList());
        yield return (nameof(Domain.Loyalty.PointEntry), PointEntries.Select(e => K(e.Id)).ToList());
        yield return (nameof(Domain.Subscriptions.Subscription), Subscriptions.Select(s => K(s.Id)).ToList());
        yield return (nameof(Domain.Subscriptions.UsageRecord), UsageRecords.Select(u => K(u.Id)).ToList());
        yield return (nameof(Domain.Subscriptions.SurveyAnswer), SurveyAnswers.Select(a => K(a.Id)).ToList());
        yield return (nameof(Domain.Subscriptions.SupportTicket), SupportTickets.Select(t => K(t.Id)).ToList());
        yield return (nameof(Domain.Success.Engagement), Engagements.Select(e => K(e.Id)).ToList());
        yield return (nameof(Domain.Success.HealthScore), HealthScores.Select(h => K(h.Id)).ToList());
        yield return (nameof(Domain.Success.CustomerHealth), CustomerHealths.Select(h => K(h.Id)).ToList());
    }

    /// <summary>Each table's rows, named as the database names the table, in a fixed order (export JSON and PDF).</summary>
    public IReadOnlyList<(string Table, IReadOnlyList<object> Rows)> Tables() =>
    [
        ("Customers", [Customer, .. MergedCustomers]),
        ("CustomerTags", [.. Tags]),
        ("DivisionAccounts", [.. Accounts]),
        ("AccountEntries", [.. AccountEntries]),
        ("PaymentAllocations", [.. PaymentAllocations]),
        ("WriteOffs", [.. WriteOffs]),
        ("CreditLineEvents", [.. CreditLineEvents]),
        ("Laybys", [.. Laybys]),
        ("LaybyItems", [.. Laybys.SelectMany(l => l.Items)]),
        ("LaybyInstalments", [.. Laybys.SelectMany(l => l.Instalments)]),
        ("LaybyEntries", [.. Laybys.SelectMany(l => l.Entries)]),
        ("CreditApplications", [.. CreditApplications]),
        ("Statements", [.. Statements]),
        ("DuplicateDismissals", [.. DuplicateDismissals]),
        ("CustomerMerges", [.. Merges]),
        ("PrivacyRequests", [.. PrivacyRequests]),
        ("CustomerNotes", [.. Notes]),
        ("Communications", [.. Communications]),
        ("OutboxMessages", [.. OutboxMessages]),
        ("InstitutionMemberships", [.. InstitutionMemberships]),
        ("CustomerAssignments", [.. CustomerAssignments]),
        ("Institutions", [.. Institutions]),
        ("InstitutionAssignments", [.. InstitutionAssignments]),
        ("FollowUpTasks", [.. Tasks]),
        ("Purchases", [.. Purchases]),
        ("PurchaseLines", [.. Purchases.SelectMany(p => p.Lines)]),
        ("PurchasePayments", [.. Purchases.SelectMany(p => p.Payments)]),
        ("PurchaseReturns", [.. PurchaseReturns]),
        ("PurchaseReturnLines", [.. PurchaseReturns.SelectMany(r => r.Lines)]),
        ("PointEntries", [.. PointEntries]),
        ("Subscriptions", [.. Subscriptions]),
        ("UsageRecords", [.. UsageRecords]),
        ("SurveyAnswers", [.. SurveyAnswers]),
        ("SupportTickets", [.. SupportTickets]),
        ("Engagements", [.. Engagements]),
        ("HealthScores", [.. HealthScores]),
        ("CustomerHealths", [.. CustomerHealths]),
        ("AuditEntries", [.. AuditEntries]),
    ];
}
