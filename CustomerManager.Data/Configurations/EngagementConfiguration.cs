using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Success;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> builder)
    {
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Title).HasMaxLength(Engagement.TitleMaxLength).IsRequired();
        builder.Property(e => e.Attendees).HasMaxLength(Engagement.AttendeesMaxLength);
        builder.Property(e => e.Notes).HasMaxLength(Engagement.NotesMaxLength);
        builder.Property(e => e.CreatedBy).HasMaxLength(Engagement.UserNameMaxLength).IsRequired();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // The timeline, and the nightly facts (held engagements of a batch of customers by day).
        builder.HasIndex(e => new { e.CustomerId, e.Held, e.Date });
    }
}
