using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class PurchaseReturnConfiguration : IEntityTypeConfiguration<PurchaseReturn>
{
    public void Configure(EntityTypeBuilder<PurchaseReturn> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(200).IsRequired();
        builder.Property(r => r.RefundTender).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasOne<Purchase>().WithMany().HasForeignKey(r => r.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(r => r.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountEntry>().WithMany().HasForeignKey(r => r.AccountEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.PurchaseReturnId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.RequestId).IsUnique();
        builder.HasIndex(r => new { r.CustomerId, r.DivisionId, r.ReturnedOn });
        builder.HasIndex(r => new { r.DivisionId, r.ReturnedOn });
    }
}

public sealed class PurchaseReturnLineConfiguration : IEntityTypeConfiguration<PurchaseReturnLine>
{
    public void Configure(EntityTypeBuilder<PurchaseReturnLine> builder) =>
        builder.HasOne<PurchaseLine>().WithMany().HasForeignKey(l => l.PurchaseLineId).OnDelete(DeleteBehavior.Restrict);
}
