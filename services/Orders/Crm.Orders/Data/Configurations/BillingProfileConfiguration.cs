using Crm.Contracts;
using Crm.Messaging.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Orders.Data.Configurations;

/// <summary>How a billing profile (<see cref="BillingProfile"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class BillingProfileConfiguration : IEntityTypeConfiguration<BillingProfile>
{
    public void Configure(EntityTypeBuilder<BillingProfile> builder)
    {
        builder.ToTable("billing_profiles");
        builder.HasKey(p => p.CustomerId);
        builder.Property(p => p.CustomerId).ValueGeneratedNever();
        builder.Property(p => p.Address).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<PostalAddress?>());
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
