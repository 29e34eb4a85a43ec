using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.Property(s => s.Number).HasMaxLength(30).IsRequired();
        builder.Property(s => s.AccountNumber).HasMaxLength(30).IsRequired();
        builder.Property(s => s.CustomerNumber).HasMaxLength(30).IsRequired();
        builder.Property(s => s.CustomerName).HasMaxLength(Customer.CompanyNameMaxLength).IsRequired();
        builder.Property(s => s.CustomerAddress).HasMaxLength(500);
        builder.Property(s => s.DivisionName).HasMaxLength(Division.NameMaxLength).IsRequired();
        builder.Property(s => s.BusinessName).HasMaxLength(Business.NameMaxLength).IsRequired();
        builder.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        builder.Property(s => s.GeneratedBy).HasMaxLength(256).IsRequired();
        // Lines and layby balances are read only with the statement (PDF); a text column holds them on both providers.
        builder.Property(s => s.LinesJson).IsRequired();
        builder.Property(s => s.LaybyBalancesJson).IsRequired();
        builder.Ignore(s => s.Aging);
        builder.Ignore(s => s.Lines);
        builder.Ignore(s => s.LaybyBalances);
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(s => s.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(s => s.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.Number).IsUnique();
        // A month is stored once per account: re-running a batch cannot duplicate it.
        builder.HasIndex(s => new { s.DivisionAccountId, s.PeriodStart }).IsUnique();
        // The accountants' list: a division's month by account number; the profile tab: a customer's statements.
        builder.HasIndex(s => new { s.DivisionId, s.PeriodStart, s.AccountNumber });
        builder.HasIndex(s => new { s.CustomerId, s.PeriodStart });
    }
}
