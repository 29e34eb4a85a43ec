using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CustomerManager.Domain.Common;

/// <summary>
/// The narrow view of the database that services use (implemented by Data's DbContext).
/// Open one per operation through <see cref="ICustomerDbFactory"/>: a Blazor circuit outlives any sensible unit of work.
/// </summary>
public interface ICustomerDb : IDisposable, IAsyncDisposable
{
    DbSet<Business> Businesses { get; }

    DbSet<Division> Divisions { get; }

    DbSet<Employee> Employees { get; }

    DbSet<AccountSegment> AccountSegments { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<ApplicationUser> Users { get; }

    DbSet<UserDivision> UserDivisions { get; }

    DbSet<IdentityRole> Roles { get; }

    DbSet<IdentityUserRole<string>> UserRoles { get; }

    DbSet<Customer> Customers { get; }

    DbSet<CustomerTag> CustomerTags { get; }

    DbSet<DivisionAccount> DivisionAccounts { get; }

    DbSet<DuplicateDismissal> DuplicateDismissals { get; }

    DbSet<CustomerMerge> CustomerMerges { get; }

    DbSet<NumberSequence> NumberSequences { get; }

    DbSet<LaybyPolicy> LaybyPolicies { get; }

    DbSet<Credit.CreditPolicy> CreditPolicies { get; }

    DbSet<Layby> Laybys { get; }

    DbSet<LaybyEntry> LaybyEntries { get; }

    DbSet<AccountEntry> AccountEntries { get; }

    DbSet<PaymentAllocation> PaymentAllocations { get; }

    DbSet<WriteOff> WriteOffs { get; }

    DbSet<Notes.CustomerNote> CustomerNotes { get; }

    DbSet<Communications.Communication> Communications { get; }

    DbSet<Messaging.OutboxMessage> OutboxMessages { get; }

    DbSet<CreditApplication> CreditApplications { get; }

    DbSet<CreditLineEvent> CreditLineEvents { get; }

    DbSet<Statement> Statements { get; }

    DbSet<Imports.DataImport> DataImports { get; }

    DbSet<Privacy.PrivacyRequest> PrivacyRequests { get; }

    DbSet<SavedSearch> SavedSearches { get; }

    DbSet<Institutions.Institution> Institutions { get; }

    DbSet<Institutions.InstitutionMembership> InstitutionMemberships { get; }

    DbSet<Assignments.Assignment> Assignments { get; }

    DbSet<Assignments.CustomerAssignment> CustomerAssignments { get; }

    DbSet<Assignments.InstitutionAssignment> InstitutionAssignments { get; }
    DbSet<Templates.MessageTemplate> MessageTemplates { get; }

    DbSet<Tasks.FollowUpTask> FollowUpTasks { get; }

    DbSet<Purchases.Purchase> Purchases { get; }

    DbSet<Purchases.PurchaseReturn> PurchaseReturns { get; }

    DbSet<Loyalty.LoyaltyProgramme> LoyaltyProgrammes { get; }

    DbSet<Loyalty.PointEntry> PointEntries { get; }

    DbSet<Integrations.ApiKey> ApiKeys { get; }

    DbSet<Integrations.IdempotentRequest> IdempotentRequests { get; }

    DbSet<Subscriptions.ServiceType> ServiceTypes { get; }

    DbSet<Subscriptions.Plan> Plans { get; }

    DbSet<Subscriptions.PlanPrice> PlanPrices { get; }

    DbSet<Subscriptions.Subscription> Subscriptions { get; }

    DbSet<Subscriptions.UsageRecord> UsageRecords { get; }

    DbSet<Subscriptions.SurveyAnswer> SurveyAnswers { get; }

    DbSet<Subscriptions.SupportTicket> SupportTickets { get; }

    DbSet<Jobs.JobRun> JobRuns { get; }

    DbSet<Success.SuccessSettings> SuccessSettings { get; }

    DbSet<Success.Engagement> Engagements { get; }

    DbSet<Success.HealthScore> HealthScores { get; }

    DbSet<Success.CustomerHealth> CustomerHealths { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

public interface ICustomerDbFactory
{
    Task<ICustomerDb> OpenAsync(CancellationToken cancellationToken = default);
}
