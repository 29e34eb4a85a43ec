using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class AccountEntryConfiguration : IEntityTypeConfiguration<AccountEntry>
{
    public void Configure(EntityTypeBuilder<AccountEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reference).HasMaxLength(200);
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.Property(e => e.OverrideReason).HasMaxLength(200);
        builder.Property(e => e.ReceiptNumber).HasMaxLength(20);
        builder.Property(e => e.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(e => e.IsCharge);
        builder.Ignore(e => e.IsCredit);
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(e => e.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.ReversalOf).WithMany().HasForeignKey(e => e.ReversalOfId).OnDelete(DeleteBehavior.Restrict);
        // A payment request posts once; an entry is reversed at most once; receipts are unique.
        builder.HasIndex(e => e.RequestId).IsUnique();
        builder.HasIndex(e => e.ReversalOfId).IsUnique();
        builder.HasIndex(e => e.ReceiptNumber).IsUnique();
        // Ledgers and statements read an account's entries by date; aging looks charges up by due date.
        builder.HasIndex(e => new { e.DivisionAccountId, e.PostingDate });
        builder.HasIndex(e => new { e.DivisionAccountId, e.DueDate });
    }
}
