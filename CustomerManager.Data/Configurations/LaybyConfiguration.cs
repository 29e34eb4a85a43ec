using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LaybyConfiguration : IEntityTypeConfiguration<Layby>
{
    public void Configure(EntityTypeBuilder<Layby> builder)
    {
        builder.Property(l => l.LaybyNumber).HasMaxLength(20).IsRequired();
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.CancellationReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.CancellationNote).HasMaxLength(200);
        builder.Property(l => l.Notes).HasMaxLength(Layby.NotesMaxLength);
        builder.Property(l => l.OpenedBy).HasMaxLength(256).IsRequired();
        builder.Property(l => l.ReleasedBy).HasMaxLength(256);
        builder.Property(l => l.ClosedBy).HasMaxLength(256);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.Fees);
        builder.Ignore(l => l.TotalPaid);
        builder.Ignore(l => l.Refunded);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(l => l.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LaybyPolicy>().WithMany().HasForeignKey(l => l.PolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Instalments).WithOne().HasForeignKey(i => i.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Entries).WithOne().HasForeignKey(e => e.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.LaybyNumber).IsUnique();
        builder.HasIndex(l => new { l.CustomerId, l.Status });
        // The layby list filters by status and division, and overdue/default checks by completion date.
        builder.HasIndex(l => new { l.Status, l.DivisionId, l.CompletionDate });
        // The list newest first within a status: a page of overdue laybys walks this backwards and stops after 20.
        builder.HasIndex(l => new { l.Status, l.Id });
    }
}
