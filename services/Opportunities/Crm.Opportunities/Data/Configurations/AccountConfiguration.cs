using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How an account (<see cref="Account"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.CustomerId);
        builder.Property(a => a.CustomerId).ValueGeneratedNever();
        builder.Property(a => a.Position).ValueGeneratedOnAdd();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Contacts).WithOne().HasForeignKey(c => c.CustomerId);
    }
}
