using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LaybyEntryConfiguration : IEntityTypeConfiguration<LaybyEntry>
{
    public void Configure(EntityTypeBuilder<LaybyEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.PostedBy).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Reference).HasMaxLength(200);
        builder.Property(e => e.Note).HasMaxLength(LaybyEntry.NoteMaxLength);
        builder.Property(e => e.ReceiptNumber).HasMaxLength(20);
        builder.Ignore(e => e.IsFee);
        builder.Ignore(e => e.IsPayment);
        builder.HasOne(e => e.ReversalOf).WithMany().HasForeignKey(e => e.ReversalOfId).OnDelete(DeleteBehavior.Restrict);
        // Posting the same payment request twice records it once; an entry is reversed at most once;
        // a late fee is charged once per instalment.
        builder.HasIndex(e => e.RequestId).IsUnique();
        builder.HasIndex(e => e.ReversalOfId).IsUnique();
        builder.HasIndex(e => new { e.LaybyId, e.InstalmentNumber }).IsUnique();
        builder.HasIndex(e => e.ReceiptNumber).IsUnique();
        builder.HasIndex(e => e.PostedAtUtc);
    }
}
