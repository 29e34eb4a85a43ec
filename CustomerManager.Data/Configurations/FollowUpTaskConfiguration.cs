using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(FollowUpTask.TitleMaxLength).IsRequired();
        builder.Property(t => t.Notes).HasMaxLength(FollowUpTask.NotesMaxLength);
        builder.Property(t => t.AssigneeUserName).HasMaxLength(FollowUpTask.UserNameMaxLength).IsRequired();
        builder.Property(t => t.DoneBy).HasMaxLength(FollowUpTask.UserNameMaxLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(FollowUpTask.UserNameMaxLength).IsRequired();
        builder.Property(t => t.DedupeKey).HasMaxLength(FollowUpTask.DedupeKeyMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Layby>().WithMany().HasForeignKey(t => t.LaybyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DivisionAccount>().WithMany().HasForeignKey(t => t.DivisionAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Division>().WithMany().HasForeignKey(t => t.DivisionId).OnDelete(DeleteBehavior.Restrict);
        // A system reminder is created once per key (NULL for tasks people type: many allowed on both providers).
        builder.HasIndex(t => t.DedupeKey).IsUnique();
        // "My tasks" (open ones by due day), a customer's tasks, and the supervisors' list by due day.
        builder.HasIndex(t => new { t.AssigneeUserName, t.IsDone, t.DueDate });
        builder.HasIndex(t => new { t.CustomerId, t.IsDone, t.DueDate });
        builder.HasIndex(t => new { t.IsDone, t.DueDate });
    }
}
