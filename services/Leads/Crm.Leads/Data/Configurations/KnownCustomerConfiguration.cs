using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a customer account is known for its contacts' segments (<see cref="KnownCustomer"/>).</summary>
internal sealed class KnownCustomerConfiguration : IEntityTypeConfiguration<KnownCustomer>
{
    public void Configure(EntityTypeBuilder<KnownCustomer> builder)
    {
        builder.ToTable("known_customers");
        builder.HasKey(c => c.CustomerId);
        builder.Property(c => c.CustomerId).ValueGeneratedNever();
    }
}
