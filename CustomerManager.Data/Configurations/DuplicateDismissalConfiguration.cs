using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class DuplicateDismissalConfiguration : IEntityTypeConfiguration<DuplicateDismissal>
{
    public void Configure(EntityTypeBuilder<DuplicateDismissal> builder)
    {
        builder.HasKey(d => new { d.CustomerId, d.OtherCustomerId });
        builder.Property(d => d.DismissedBy).HasMaxLength(256).IsRequired();
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.OtherCustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.OtherCustomerId);
    }
}
