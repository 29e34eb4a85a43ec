using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(Business.NameMaxLength).IsRequired();
        builder.Property(b => b.Currency).HasMaxLength(3).IsRequired();
        builder.Property(b => b.Country).HasMaxLength(100).IsRequired();
        builder.Property(b => b.DefaultPhoneCountryCode).HasMaxLength(3).IsRequired();
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasMany(b => b.Divisions).WithOne().HasForeignKey(d => d.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
