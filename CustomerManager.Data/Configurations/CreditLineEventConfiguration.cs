using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CreditLineEventConfiguration : IEntityTypeConfiguration<CreditLineEvent>
{
    public void Configure(EntityTypeBuilder<CreditLineEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(DivisionAccount.CreditLineReasonMaxLength).IsRequired();
        builder.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(e => e.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        // A line's history in order.
        builder.HasIndex(e => new { e.DivisionAccountId, e.Id });
    }
}
