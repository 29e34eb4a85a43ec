using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(Institution.NameMaxLength).IsRequired();
        builder.Property(i => i.Code).HasMaxLength(Institution.CodeMaxLength).IsRequired();
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Category).HasMaxLength(100);
        builder.Property(i => i.ContactName).HasMaxLength(100);
        builder.Property(i => i.Phone).HasMaxLength(30);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Website).HasMaxLength(Institution.TextMaxLength);
        builder.Property(i => i.Address).HasMaxLength(Institution.TextMaxLength);
        builder.Property(i => i.City).HasMaxLength(100);
        builder.Property(i => i.State).HasMaxLength(100);
        builder.Property(i => i.Country).HasMaxLength(100);
        builder.Property(i => i.PostalCode).HasMaxLength(20);
        builder.Property(i => i.Notes).HasMaxLength(Institution.NotesMaxLength);
        builder.Property(i => i.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.BillingCustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.Code).IsUnique();
        // An institution is billed as at most one customer, and a customer bills at most one institution.
        builder.HasIndex(i => i.BillingCustomerId).IsUnique();
        builder.HasIndex(i => new { i.Status, i.Name });
    }
}

public sealed class InstitutionMembershipConfiguration : IEntityTypeConfiguration<InstitutionMembership>
{
    public void Configure(EntityTypeBuilder<InstitutionMembership> builder)
    {
        builder.Property(m => m.Designation).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.StartedBy).HasMaxLength(256).IsRequired();
        builder.Property(m => m.EndedBy).HasMaxLength(256);
        builder.Property(m => m.EndReason).HasMaxLength(InstitutionMembership.ReasonMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(m => m.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.CustomerId, m.EndedAtUtc });
        builder.HasIndex(m => new { m.InstitutionId, m.CustomerId });
    }
}
