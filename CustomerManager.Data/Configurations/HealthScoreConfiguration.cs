using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Success;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class HealthScoreConfiguration : IEntityTypeConfiguration<HealthScore>
{
    public void Configure(EntityTypeBuilder<HealthScore> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // One row per customer and day; the trend and the 30-day window read by customer and day.
        builder.HasIndex(h => new { h.CustomerId, h.Day }).IsUnique();
    }
}
