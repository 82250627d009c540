using Crm.Contracts;
using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a customer's contact is known, for de-duplication and marketing (<see cref="KnownContact"/>).</summary>
internal sealed class KnownContactConfiguration : IEntityTypeConfiguration<KnownContact>
{
    public void Configure(EntityTypeBuilder<KnownContact> builder)
    {
        builder.ToTable("known_contacts");
        builder.HasKey(c => c.ContactId);
        builder.Property(c => c.ContactId).ValueGeneratedNever();
        builder.Property(c => c.BuyingRole).HasConversion<string>();
        builder.Property(c => c.Consents).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<ChannelConsent[]>());
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
