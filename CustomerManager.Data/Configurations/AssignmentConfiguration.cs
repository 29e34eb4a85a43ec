using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

/// <summary>One table for both kinds of assignment (customer or institution), told apart by <c>Target</c>.</summary>
public sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasDiscriminator<string>("Target")
            .HasValue<CustomerAssignment>(nameof(AssignmentTarget.Customer))
            .HasValue<InstitutionAssignment>(nameof(AssignmentTarget.Institution));
        builder.Property("Target").HasMaxLength(20);
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.TransferReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Note).HasMaxLength(Assignment.NoteMaxLength);
        builder.Property(a => a.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(a => a.EndedBy).HasMaxLength(256);
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assignment>().WithMany().HasForeignKey(a => a.TransferredFromId).OnDelete(DeleteBehavior.Restrict);
        // An employee's active work by role (workload, "My customers", transfers) and their history.
        builder.HasIndex(a => new { a.EmployeeId, a.IsActive, a.Role });
    }
}

public sealed class CustomerAssignmentConfiguration : IEntityTypeConfiguration<CustomerAssignment>
{
    public void Configure(EntityTypeBuilder<CustomerAssignment> builder)
    {
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CustomerId, a.IsActive });
    }
}

public sealed class InstitutionAssignmentConfiguration : IEntityTypeConfiguration<InstitutionAssignment>
{
    public void Configure(EntityTypeBuilder<InstitutionAssignment> builder)
    {
        builder.HasOne<Institution>().WithMany().HasForeignKey(a => a.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.InstitutionId, a.IsActive });
    }
}
