using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Orders.Data.Configurations;

/// <summary>How a credit account (<see cref="CreditAccount"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class CreditAccountConfiguration : IEntityTypeConfiguration<CreditAccount>
{
    public void Configure(EntityTypeBuilder<CreditAccount> builder)
    {
        builder.ToTable("credit_accounts");
        builder.HasKey(a => a.CustomerId);
        builder.Property(a => a.CustomerId).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.OnHold);
    }
}
