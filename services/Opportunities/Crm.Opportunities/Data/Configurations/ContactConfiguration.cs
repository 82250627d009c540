using Crm.Messaging.Data;
using Crm.Contracts;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How a contact (<see cref="Contact"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => c.ContactId);
        builder.Property(c => c.ContactId).ValueGeneratedNever();
        builder.Property(c => c.BuyingRole).HasConversion<string>();
        builder.Property(c => c.Consents).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<ChannelConsent[]>());
    }
}
