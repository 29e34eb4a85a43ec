using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.Property(p => p.PurchaseNumber).HasMaxLength(20).IsRequired();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.TierAtPurchase).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Till).HasMaxLength(50);
        builder.Property(p => p.ExternalReference).HasMaxLength(100);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(p => p.OnAccount);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(p => p.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Layby>().WithMany().HasForeignKey(p => p.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountEntry>().WithMany().HasForeignKey(p => p.AccountEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Payments).WithOne().HasForeignKey(t => t.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.PurchaseNumber).IsUnique();
        // A till's retry (or the API's) records a purchase once; a layby is released once.
        builder.HasIndex(p => p.RequestId).IsUnique();
        builder.HasIndex(p => p.LaybyId).IsUnique();
        builder.HasIndex(p => p.AccountEntryId);
        // The profile's history and spend per division; the nightly tier run per division and date.
        builder.HasIndex(p => new { p.CustomerId, p.DivisionId, p.PurchasedOn });
        builder.HasIndex(p => new { p.DivisionId, p.PurchasedOn });
    }
}

public sealed class PurchaseLineConfiguration : IEntityTypeConfiguration<PurchaseLine>
{
    public void Configure(EntityTypeBuilder<PurchaseLine> builder)
    {
        builder.Property(l => l.Description).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Sku).HasMaxLength(50);
    }
}

public sealed class PurchasePaymentConfiguration : IEntityTypeConfiguration<PurchasePayment>
{
    public void Configure(EntityTypeBuilder<PurchasePayment> builder) =>
        builder.Property(t => t.Tender).HasConversion<string>().HasMaxLength(20);
}
