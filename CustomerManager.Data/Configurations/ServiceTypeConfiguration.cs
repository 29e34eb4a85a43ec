using CustomerManager.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class ServiceTypeConfiguration : IEntityTypeConfiguration<ServiceType>
{
    public void Configure(EntityTypeBuilder<ServiceType> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(ServiceType.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        // The seed's three types come with every database; admins add others.
        builder.HasData(
            new { Id = 1, Name = "Fiber", IsActive = true },
            new { Id = 2, Name = "Broadband", IsActive = true },
            new { Id = 3, Name = "Wireless", IsActive = true });
    }
}
