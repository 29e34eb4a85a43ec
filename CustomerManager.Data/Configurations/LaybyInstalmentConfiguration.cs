using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class LaybyInstalmentConfiguration : IEntityTypeConfiguration<LaybyInstalment>
{
    public void Configure(EntityTypeBuilder<LaybyInstalment> builder)
    {
        builder.HasIndex(i => new { i.LaybyId, i.Number }).IsUnique();
        // "Due this week" and overdue filters look instalments up by date.
        builder.HasIndex(i => i.DueDate);
    }
}
