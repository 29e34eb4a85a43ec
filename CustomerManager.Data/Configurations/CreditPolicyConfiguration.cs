using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CreditPolicyConfiguration : IEntityTypeConfiguration<CreditPolicy>
{
    public void Configure(EntityTypeBuilder<CreditPolicy> builder)
    {
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(p => p.Terms);
        builder.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Restrict);
        // Versions are immutable rows: the latest per division is the one in force.
        builder.HasIndex(p => new { p.DivisionId, p.VersionNumber }).IsUnique();
    }
}
