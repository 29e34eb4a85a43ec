using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class AccountSegmentConfiguration : IEntityTypeConfiguration<AccountSegment>
{
    public void Configure(EntityTypeBuilder<AccountSegment> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(AccountSegment.NameMaxLength).IsRequired();
        builder.HasIndex(s => s.Name).IsUnique();
    }
}
