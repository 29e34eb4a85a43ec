using CustomerManager.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class DataImportConfiguration : IEntityTypeConfiguration<DataImport>
{
    public void Configure(EntityTypeBuilder<DataImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(DataImport.FileNameMaxLength).IsRequired();
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.UserName).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Message).HasMaxLength(DataImport.MessageMaxLength);
        builder.Property(i => i.AnnotatedWorkbook).IsRequired();
        builder.HasIndex(i => i.StartedAtUtc);
    }
}
