using CustomerManager.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.Property(r => r.Job).HasMaxLength(JobRun.JobMaxLength).IsRequired();
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.TriggeredBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Node).HasMaxLength(JobRun.NodeMaxLength).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(JobRun.SummaryMaxLength);
        builder.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        builder.Ignore(r => r.Duration);
        // One run per job and business day, whichever node gets there first (the insert that loses is refused).
        builder.HasIndex(r => new { r.Job, r.ScheduledFor }).IsUnique();
    }
}
