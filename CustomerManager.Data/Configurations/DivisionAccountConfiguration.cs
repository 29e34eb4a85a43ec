using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class DivisionAccountConfiguration : IEntityTypeConfiguration<DivisionAccount>
{
    public void Configure(EntityTypeBuilder<DivisionAccount> builder)
    {
        builder.Property(a => a.AccountNumber).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.LoyaltyTier).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CreditLineStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CreditLineReason).HasMaxLength(DivisionAccount.CreditLineReasonMaxLength);
        builder.Property(a => a.MarketingConsentSource).HasMaxLength(100);
        builder.Property(a => a.SmsConsentSource).HasMaxLength(100);
        builder.Property(a => a.EmailConsentSource).HasMaxLength(100);
        builder.Property(a => a.MembershipChangedBy).HasMaxLength(256);
        builder.Property(a => a.MembershipChangedHow).HasConversion<string>().HasMaxLength(20);
        // Existing accounts become retail accounts when the column is added.
        builder.Property(a => a.AccountType).HasConversion<string>().HasMaxLength(20).HasDefaultValue(AccountType.Retail);
        builder.Property(a => a.Segment).HasMaxLength(DivisionAccount.SegmentMaxLength);
        builder.Property(a => a.PreferredTender).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.PreferencesJson).IsRequired();
        builder.Property(a => a.CustomFieldsJson).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.AvailableCredit);
        builder.Ignore(a => a.HasCreditLine);
        builder.Ignore(a => a.Preferences);
        builder.Ignore(a => a.CustomFields);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(a => a.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AccountNumber).IsUnique();
        builder.HasIndex(a => new { a.CustomerId, a.DivisionId }).IsUnique();
        builder.HasIndex(a => new { a.DivisionId, a.Status });
        // The member filter and statistics: a division's members.
        builder.HasIndex(a => new { a.DivisionId, a.IsMember });
        // The reviews-due queue: lines whose review date has come, oldest first.
        builder.HasIndex(a => a.CreditReviewDueOn);
    }
}
