using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.AttachmentKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.AttachmentNumber).HasMaxLength(40);
        builder.Property(m => m.To).HasMaxLength(320).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(Communication.SubjectMaxLength);
        builder.Property(m => m.TextBody).HasMaxLength(Outbox.EmailBodyMaxLength).IsRequired();
        builder.Property(m => m.HtmlBody).HasMaxLength(Outbox.EmailBodyMaxLength);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.IdempotencyKeyMaxLength);
        builder.Property(m => m.LockedBy).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ProviderReply).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.QueuedBy).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Communication).WithMany().HasForeignKey(m => m.CommunicationId).OnDelete(DeleteBehavior.Restrict);
        // A send request queues once (a double click, a retried request, a statement sent twice).
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        // The sender's question: what is due now?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.CustomerId);
    }
}
