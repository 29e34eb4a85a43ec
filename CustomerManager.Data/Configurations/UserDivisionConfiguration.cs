using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Data.Configurations;

public sealed class UserDivisionConfiguration : IEntityTypeConfiguration<UserDivision>
{
    public void Configure(EntityTypeBuilder<UserDivision> builder)
    {
        builder.HasKey(d => new { d.UserId, d.DivisionId });
        builder.HasOne<Division>().WithMany().HasForeignKey(d => d.DivisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
