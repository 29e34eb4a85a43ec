using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

/// <summary>
/// ASP.NET Core's data-protection keys (they sign cookies and antiforgery tokens), in the database so that every node
/// and every restart shares them. The XML is encrypted with a certificate when one is configured.
/// </summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(k => k.Id);
        // "key-" and a GUID.
        builder.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}
