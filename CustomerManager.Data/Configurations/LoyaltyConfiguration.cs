using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LoyaltyProgrammeConfiguration : IEntityTypeConfiguration<LoyaltyProgramme>
{
    public void Configure(EntityTypeBuilder<LoyaltyProgramme> builder)
    {
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(p => p.Terms);
        builder.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Restrict);
        // Versions are immutable rows: the latest per division is the one in force.
        builder.HasIndex(p => new { p.DivisionId, p.VersionNumber }).IsUnique();
    }
}

public sealed class PointEntryConfiguration : IEntityTypeConfiguration<PointEntry>
{
    public void Configure(EntityTypeBuilder<PointEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reference).HasMaxLength(100);
        builder.Property(e => e.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(e => e.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PointEntry>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Purchase>().WithMany().HasForeignKey(e => e.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseReturn>().WithMany().HasForeignKey(e => e.PurchaseReturnId).OnDelete(DeleteBehavior.Restrict);
        // A customer's points in a division (the ledger); what is taken off each lot; lots by expiry for the nightly run.
        builder.HasIndex(e => new { e.CustomerId, e.DivisionId });
        builder.HasIndex(e => e.LotId);
        builder.HasIndex(e => new { e.Kind, e.ExpiresOn });
        builder.HasIndex(e => e.PurchaseId);
    }
}
