using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CreditApplicationConfiguration : IEntityTypeConfiguration<CreditApplication>
{
    public void Configure(EntityTypeBuilder<CreditApplication> builder)
    {
        builder.Property(a => a.ApplicationNumber).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var text in new[] { nameof(CreditApplication.EmployerName), nameof(CreditApplication.EmployerContact),
                     nameof(CreditApplication.Reference1Name), nameof(CreditApplication.Reference1Contact),
                     nameof(CreditApplication.Reference2Name), nameof(CreditApplication.Reference2Contact) })
        {
            builder.Property(text).HasMaxLength(100);
        }

        builder.Property(a => a.ReviewNotes).HasMaxLength(500);
        builder.Property(a => a.RejectionReason).HasMaxLength(500);
        builder.Property(a => a.ReviewedBy).HasMaxLength(256);
        builder.Property(a => a.AppliedBy).HasMaxLength(256).IsRequired();
        builder.Property(a => a.AppliedByUserId).HasMaxLength(450);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Affordability);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(a => a.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ApplicationNumber).IsUnique();
        // The review queue: open applications, oldest first.
        builder.HasIndex(a => new { a.Status, a.CreatedAtUtc });
        builder.HasIndex(a => a.CustomerId);
    }
}
