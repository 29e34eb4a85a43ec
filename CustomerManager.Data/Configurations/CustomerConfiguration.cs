using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.CustomerNumber).HasMaxLength(20).IsRequired();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.FirstName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.LastName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.FullName).HasMaxLength(Customer.CompanyNameMaxLength).IsRequired();
        builder.Property(c => c.CompanyName).HasMaxLength(Customer.CompanyNameMaxLength);
        builder.Property(c => c.Gender).HasMaxLength(30);
        builder.Property(c => c.PrimaryEmail).HasMaxLength(254);
        builder.Property(c => c.PrimaryPhone).HasMaxLength(16).IsRequired();
        builder.Property(c => c.AlternatePhone).HasMaxLength(16);
        builder.Property(c => c.Address).HasMaxLength(Customer.TextMaxLength);
        builder.Property(c => c.City).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.State).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.Country).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.PostalCode).HasMaxLength(20);
        builder.Property(c => c.NationalId).HasMaxLength(20);
        builder.Property(c => c.PassportNumber).HasMaxLength(30);
        builder.Property(c => c.TaxNumber).HasMaxLength(30);
        builder.Property(c => c.Source).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.PreferredChannel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(6);
        builder.Property(c => c.ReferredBy).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.ExternalReference).HasMaxLength(Customer.ExternalReferenceMaxLength);
        builder.Property(c => c.BlacklistReason).HasMaxLength(Customer.TextMaxLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.FirstNameKey).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.LastNameKey).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.FullNameKey).HasMaxLength(Customer.CompanyNameMaxLength).IsRequired();
        builder.Property(c => c.CompanyNameKey).HasMaxLength(Customer.CompanyNameMaxLength).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.LinkedUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Employee>().WithMany().HasForeignKey(c => c.LinkedEmployeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Institutions.Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Designation).HasConversion<string>().HasMaxLength(30);
        // An institution's members by designation and status (its page, roll-ups and the customer list filter).
        builder.HasIndex(c => new { c.InstitutionId, c.Designation, c.IsActive });
        // An institution's members by name (its page and the customer list's institution filter): an ordered range read.
        builder.HasIndex(c => new { c.InstitutionId, c.FullNameKey, c.Id });

        // One index per search path (see docs: lookups by number, phone, e-mail, national ID; name prefixes).
        builder.HasIndex(c => c.CustomerNumber).IsUnique();
        // An import's row key: a second import of the same file finds the customer instead of creating it again.
        builder.HasIndex(c => c.ExternalReference).IsUnique();
        builder.HasIndex(c => c.PrimaryEmail).IsUnique();
        builder.HasIndex(c => c.NationalId).IsUnique();
        builder.HasIndex(c => c.LinkedUserId).IsUnique();
        builder.HasIndex(c => c.LinkedEmployeeId).IsUnique();
        builder.HasIndex(c => c.PrimaryPhone);
        builder.HasIndex(c => c.AlternatePhone);
        // Name search: each key's prefix range, active flag and name order read from the index alone, so the first
        // page of a broad prefix takes the first rows of each range without reading or sorting every match.
        builder.HasIndex(c => new { c.FirstNameKey, c.IsActive, c.FullNameKey });
        builder.HasIndex(c => new { c.LastNameKey, c.IsActive, c.FullNameKey });
        builder.HasIndex(c => new { c.FullNameKey, c.Id });
        builder.HasIndex(c => new { c.CompanyNameKey, c.IsActive, c.FullNameKey });
        builder.HasIndex(c => c.CreatedAtUtc);
        // The list of active customers by name or number: pages found in the index (keyset or offset) and the
        // inactive ones counted from it.
        builder.HasIndex(c => new { c.IsActive, c.FullNameKey, c.Id });
        builder.HasIndex(c => new { c.IsActive, c.CustomerNumber });
    }
}
