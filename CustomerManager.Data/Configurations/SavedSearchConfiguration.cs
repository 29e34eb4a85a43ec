using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(SavedSearch.NameMaxLength).IsRequired();
        builder.Property(s => s.Query).HasMaxLength(SavedSearch.QueryMaxLength).IsRequired();
        builder.Property(s => s.OwnerUserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.OwnerUserName).HasMaxLength(256).IsRequired();
        // The menu lists the user's own searches and the shared ones.
        builder.HasIndex(s => s.OwnerUserId);
        builder.HasIndex(s => s.IsShared);
    }
}
