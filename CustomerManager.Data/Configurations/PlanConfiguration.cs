using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Plan.NameMaxLength).IsRequired();
        builder.Property(p => p.Speed).HasMaxLength(Plan.AttributeMaxLength);
        builder.Property(p => p.Allowance).HasMaxLength(Plan.AttributeMaxLength);
        builder.Property(p => p.OttApps).HasMaxLength(Plan.OttAppsMaxLength).IsRequired();
        builder.Property(p => p.Cycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.OttAppList);
        builder.HasOne<ServiceType>().WithMany().HasForeignKey(p => p.ServiceTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.DivisionId, p.Name }).IsUnique();
        builder.HasIndex(p => p.ServiceTypeId);
    }
}

public sealed class PlanPriceConfiguration : IEntityTypeConfiguration<PlanPrice>
{
    public void Configure(EntityTypeBuilder<PlanPrice> builder)
    {
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasOne(p => p.Plan).WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PlanId, p.EffectiveFrom });
    }
}
