using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Success;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class SuccessSettingsConfiguration : IEntityTypeConfiguration<SuccessSettings>
{
    public void Configure(EntityTypeBuilder<SuccessSettings> builder)
    {
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Weights);
        builder.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.BusinessId).IsUnique();
    }
}
