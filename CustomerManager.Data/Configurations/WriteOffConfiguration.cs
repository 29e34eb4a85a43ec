using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class WriteOffConfiguration : IEntityTypeConfiguration<WriteOff>
{
    public void Configure(EntityTypeBuilder<WriteOff> builder)
    {
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Reason).HasMaxLength(LedgerCorrections.ReasonMaxLength).IsRequired();
        builder.Property(w => w.RejectionReason).HasMaxLength(LedgerCorrections.ReasonMaxLength);
        builder.Property(w => w.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Property(w => w.DecidedBy).HasMaxLength(256);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(w => w.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountEntry>().WithMany().HasForeignKey(w => w.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.RequestId).IsUnique();
        // The approval queue: pending write-offs, oldest first.
        builder.HasIndex(w => new { w.Status, w.RequestedAtUtc });
    }
}
