using CustomerManager.Data.Auditing;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Data;

/// <summary>
/// The application's one model, Identity included. Each database provider has a subclass with its own migrations
/// (<see cref="SqliteCustomerDbContext"/>, <see cref="SqlServerCustomerDbContext"/>).
/// </summary>
public abstract class CustomerDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), ICustomerDb, IDataProtectionKeyContext
{
    public DbSet<Business> Businesses => Set<Business>();

    public DbSet<Division> Divisions => Set<Division>();

    public DbSet<Employee> Employees => Set<Employee>();

    public DbSet<AccountSegment> AccountSegments => Set<AccountSegment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserDivision> UserDivisions => Set<UserDivision>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();

    public DbSet<DivisionAccount> DivisionAccounts => Set<DivisionAccount>();

    public DbSet<DuplicateDismissal> DuplicateDismissals => Set<DuplicateDismissal>();

    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<LaybyPolicy> LaybyPolicies => Set<LaybyPolicy>();

    public DbSet<Domain.Credit.CreditPolicy> CreditPolicies => Set<Domain.Credit.CreditPolicy>();

    public DbSet<Layby> Laybys => Set<Layby>();

    public DbSet<LaybyEntry> LaybyEntries => Set<LaybyEntry>();

    public DbSet<AccountEntry> AccountEntries => Set<AccountEntry>();

    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();

    public DbSet<WriteOff> WriteOffs => Set<WriteOff>();

    public DbSet<Domain.Notes.CustomerNote> CustomerNotes => Set<Domain.Notes.CustomerNote>();

    public DbSet<Domain.Communications.Communication> Communications => Set<Domain.Communications.Communication>();

    public DbSet<Domain.Messaging.OutboxMessage> OutboxMessages => Set<Domain.Messaging.OutboxMessage>();

    public DbSet<CreditApplication> CreditApplications => Set<CreditApplication>();

    public DbSet<CreditLineEvent> CreditLineEvents => Set<CreditLineEvent>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<Domain.Imports.DataImport> DataImports => Set<Domain.Imports.DataImport>();

    public DbSet<Domain.Privacy.PrivacyRequest> PrivacyRequests => Set<Domain.Privacy.PrivacyRequest>();

    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();

    public DbSet<Domain.Institutions.Institution> Institutions => Set<Domain.Institutions.Institution>();

    public DbSet<Domain.Institutions.InstitutionMembership> InstitutionMemberships => Set<Domain.Institutions.InstitutionMembership>();

    public DbSet<Domain.Assignments.Assignment> Assignments => Set<Domain.Assignments.Assignment>();

    public DbSet<Domain.Assignments.CustomerAssignment> CustomerAssignments => Set<Domain.Assignments.CustomerAssignment>();

    public DbSet<Domain.Assignments.InstitutionAssignment> InstitutionAssignments => Set<Domain.Assignments.InstitutionAssignment>();
    public DbSet<Domain.Templates.MessageTemplate> MessageTemplates => Set<Domain.Templates.MessageTemplate>();

    public DbSet<Domain.Tasks.FollowUpTask> FollowUpTasks => Set<Domain.Tasks.FollowUpTask>();

    public DbSet<Domain.Purchases.Purchase> Purchases => Set<Domain.Purchases.Purchase>();

    public DbSet<Domain.Purchases.PurchaseReturn> PurchaseReturns => Set<Domain.Purchases.PurchaseReturn>();

    public DbSet<Domain.Loyalty.LoyaltyProgramme> LoyaltyProgrammes => Set<Domain.Loyalty.LoyaltyProgramme>();

    public DbSet<Domain.Loyalty.PointEntry> PointEntries => Set<Domain.Loyalty.PointEntry>();

    public DbSet<Domain.Integrations.ApiKey> ApiKeys => Set<Domain.Integrations.ApiKey>();

    public DbSet<Domain.Integrations.IdempotentRequest> IdempotentRequests => Set<Domain.Integrations.IdempotentRequest>();

    public DbSet<Domain.Subscriptions.ServiceType> ServiceTypes => Set<Domain.Subscriptions.ServiceType>();

    public DbSet<Domain.Subscriptions.Plan> Plans => Set<Domain.Subscriptions.Plan>();

    public DbSet<Domain.Subscriptions.PlanPrice> PlanPrices => Set<Domain.Subscriptions.PlanPrice>();

    public DbSet<Domain.Subscriptions.Subscription> Subscriptions => Set<Domain.Subscriptions.Subscription>();

    public DbSet<Domain.Subscriptions.UsageRecord> UsageRecords => Set<Domain.Subscriptions.UsageRecord>();

    public DbSet<Domain.Subscriptions.SurveyAnswer> SurveyAnswers => Set<Domain.Subscriptions.SurveyAnswer>();

    public DbSet<Domain.Subscriptions.SupportTicket> SupportTickets => Set<Domain.Subscriptions.SupportTicket>();

    public DbSet<Domain.Jobs.JobRun> JobRuns => Set<Domain.Jobs.JobRun>();

    public DbSet<Domain.Success.SuccessSettings> SuccessSettings => Set<Domain.Success.SuccessSettings>();

    public DbSet<Domain.Success.Engagement> Engagements => Set<Domain.Success.Engagement>();

    public DbSet<Domain.Success.HealthScore> HealthScores => Set<Domain.Success.HealthScore>();

    public DbSet<Domain.Success.CustomerHealth> CustomerHealths => Set<Domain.Success.CustomerHealth>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set by the audit interceptor between SavingChanges and SavedChanges.</summary>
    internal PendingAudit? PendingAudit { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CustomerDbContext).Assembly);
    }

    /// <summary>Money is stored as whole cents (long): SQLite can then sort, compare and sum it in SQL (DOMAIN.md §4).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<MoneyToMinorUnitsConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseTextLongerThanStored();
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseTextLongerThanStored();
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The last line behind the domain's own length checks: text longer than its column is refused with a message and
    /// nothing is saved, on SQLite (which would store it) as on SQL Server (which would fail the whole save).
    /// </summary>
    private void RefuseTextLongerThanStored()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } max && text.Length > max)
                {
                    throw TextRules.TooLong(TextRules.Words(property.Metadata.Name), max, text.Length, property.Metadata.Name);
                }
            }
        }
    }

    /// <summary>
    /// Application-managed optimistic concurrency: the version loaded stays the original value (checked in the
    /// UPDATE's WHERE), the row gets the next one.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
    }
}

public sealed class SqliteCustomerDbContext(DbContextOptions<SqliteCustomerDbContext> options) : CustomerDbContext(options);

public sealed class SqlServerCustomerDbContext(DbContextOptions<SqlServerCustomerDbContext> options) : CustomerDbContext(options)
{
    /// <summary>
    /// The append-only tables carry database triggers (<see cref="Migrations.AppendOnlyTriggers"/>). SQL Server refuses an
    /// INSERT or UPDATE with an OUTPUT clause on a table with triggers, which is how EF reads generated keys unless it is
    /// told about them: declared here, EF uses a form that works with triggers.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes().ToList())
        {
            if (entity.GetTableName() is { } table && Migrations.AppendOnlyTriggers.TriggeredTables.Contains(table))
            {
                builder.Entity(entity.ClrType).ToTable(table, t => t.HasTrigger($"{table}_AppendOnly"));
            }
        }
    }
}
