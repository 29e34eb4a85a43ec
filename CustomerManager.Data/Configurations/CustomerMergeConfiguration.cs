using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> builder)
    {
        builder.Property(m => m.MergedBy).HasMaxLength(256).IsRequired();
        builder.Property(m => m.UndoneBy).HasMaxLength(256);
        builder.Ignore(m => m.IsUndone);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
    }
}
