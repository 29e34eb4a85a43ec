using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CustomerNoteConfiguration : IEntityTypeConfiguration<CustomerNote>
{
    public void Configure(EntityTypeBuilder<CustomerNote> builder)
    {
        builder.Property(n => n.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Subject).HasMaxLength(CustomerNote.SubjectMaxLength).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(CustomerNote.TextMaxLength).IsRequired();
        builder.Property(n => n.Author).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // A customer's notes newest first; the banner reads the alerts alone.
        builder.HasIndex(n => new { n.CustomerId, n.CreatedAtUtc });
        builder.HasIndex(n => new { n.CustomerId, n.IsAlert });
    }
}
