using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.SubscriptionNumber).HasMaxLength(20).IsRequired();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Cycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ChurnRisk).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.ChurnReasons).HasMaxLength(Subscription.ChurnReasonsMaxLength).IsRequired();
        builder.Property(s => s.StatusReason).HasMaxLength(Subscription.ReasonMaxLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.CurrentPeriod);
        builder.Ignore(s => s.NextPeriod);
        builder.Ignore(s => s.ChurnReasonList);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(s => s.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SubscriptionNumber).IsUnique();
        // The billing run (active and due), the customer list's filters and sorts (seed: churn risk, plan, next billing date).
        builder.HasIndex(s => new { s.Status, s.NextBillingDate });
        builder.HasIndex(s => new { s.CustomerId, s.Status });
        builder.HasIndex(s => new { s.ChurnRisk, s.CustomerId });
        builder.HasIndex(s => new { s.NextBillingDate, s.CustomerId });
        builder.HasIndex(s => new { s.PlanId, s.Status });
        builder.HasIndex(s => new { s.InstitutionId, s.Status });
        builder.HasIndex(s => new { s.Status, s.RenewalDate });
    }
}

public sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.Property(u => u.MostUsedOtt).HasMaxLength(UsageRecord.TextMaxLength);
        builder.Property(u => u.PeakHours).HasMaxLength(UsageRecord.TextMaxLength);
        builder.Property(u => u.Source).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasOne<Subscription>().WithMany().HasForeignKey(u => u.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.SubscriptionId, u.Month }).IsUnique();
    }
}

public sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.Property(a => a.Comment).HasMaxLength(SurveyAnswer.CommentMaxLength);
        builder.Property(a => a.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasOne<Subscription>().WithMany().HasForeignKey(a => a.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SubscriptionId, a.AnsweredOn });
    }
}

public sealed class SupportTicketConfiguration : IEntityTypeConfiguration<SupportTicket>
{
    public void Configure(EntityTypeBuilder<SupportTicket> builder)
    {
        builder.Property(t => t.Subject).HasMaxLength(SupportTicket.SubjectMaxLength).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.IsOpen);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.SubscriptionId, t.OpenedOn });
    }
}
