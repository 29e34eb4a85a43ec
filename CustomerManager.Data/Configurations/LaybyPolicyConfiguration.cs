using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LaybyPolicyConfiguration : IEntityTypeConfiguration<LaybyPolicy>
{
    public void Configure(EntityTypeBuilder<LaybyPolicy> builder)
    {
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(p => p.Terms);
        builder.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Restrict);
        // Versions are immutable rows: the latest per division is the one in force.
        builder.HasIndex(p => new { p.DivisionId, p.VersionNumber }).IsUnique();
    }
}
