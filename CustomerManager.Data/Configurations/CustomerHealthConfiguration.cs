using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Success;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CustomerHealthConfiguration : IEntityTypeConfiguration<CustomerHealth>
{
    public void Configure(EntityTypeBuilder<CustomerHealth> builder)
    {
        builder.Property(h => h.Band).HasConversion<string>().HasMaxLength(10);
        builder.Property(h => h.ChurnBand).HasConversion<string>().HasMaxLength(10);
        builder.Property(h => h.PreviousChurnBand).HasConversion<string>().HasMaxLength(10);
        builder.Property(h => h.ComputedLifecycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Lifecycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.OverrideLifecycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.OverrideReason).HasMaxLength(CustomerHealth.ReasonMaxLength);
        builder.Property(h => h.OverrideBy).HasMaxLength(CustomerHealth.UserNameMaxLength);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.CustomerId).IsUnique();
        // The dashboard: counts by band, the at-risk list by score, the week's movers, the lifecycle filter.
        builder.HasIndex(h => new { h.Band, h.Score });
        builder.HasIndex(h => h.ChangeOver7Days);
        builder.HasIndex(h => h.Lifecycle);
    }
}
