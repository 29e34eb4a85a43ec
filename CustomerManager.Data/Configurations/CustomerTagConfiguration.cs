using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> builder)
    {
        builder.HasKey(t => new { t.CustomerId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(40);
        // The tag filter looks customers up by tag.
        builder.HasIndex(t => t.Tag);
    }
}
