using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
        // "" is the default language (not NULL: the unique index below must hold on SQLite too, where NULLs never clash).
        builder.Property(t => t.Language).HasMaxLength(MessageTemplate.LanguageMaxLength).IsRequired();
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength);
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.EmailBodyMaxLength).IsRequired();
        builder.Property(t => t.HtmlBody).HasMaxLength(MessageTemplate.HtmlBodyMaxLength);
        builder.Property(t => t.EditedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(t => t.LanguageName);
        // Versions are immutable rows: the newest per purpose, channel and language is the one in use.
        builder.HasIndex(t => new { t.Purpose, t.Channel, t.Language, t.VersionNumber }).IsUnique();
    }
}
