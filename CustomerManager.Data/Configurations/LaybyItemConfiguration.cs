using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LaybyItemConfiguration : IEntityTypeConfiguration<LaybyItem>
{
    public void Configure(EntityTypeBuilder<LaybyItem> builder)
    {
        builder.Property(i => i.Description).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Sku).HasMaxLength(LaybyItem.SkuMaxLength);
    }
}
