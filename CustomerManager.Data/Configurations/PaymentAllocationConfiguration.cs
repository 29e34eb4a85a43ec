using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.HasOne(a => a.Payment).WithMany().HasForeignKey(a => a.PaymentEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Charge).WithMany().HasForeignKey(a => a.ChargeEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.PaymentEntryId);
        builder.HasIndex(a => a.ChargeEntryId);
    }
}
