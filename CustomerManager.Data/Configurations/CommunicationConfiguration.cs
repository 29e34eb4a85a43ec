using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CommunicationConfiguration : IEntityTypeConfiguration<Communication>
{
    public void Configure(EntityTypeBuilder<Communication> builder)
    {
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Subject).HasMaxLength(Communication.SubjectMaxLength);
        builder.Property(c => c.Body).HasMaxLength(Communication.BodyMaxLength).IsRequired();
        builder.Property(c => c.LoggedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Layby>().WithMany().HasForeignKey(c => c.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(c => c.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Statements.Statement>().WithMany().HasForeignKey(c => c.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.StatementId);
        // The timeline: a customer's contacts newest first.
        builder.HasIndex(c => new { c.CustomerId, c.OccurredAtUtc });
    }
}
