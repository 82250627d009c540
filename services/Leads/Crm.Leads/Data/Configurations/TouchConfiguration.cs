using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a touch (<see cref="Touch"/>) is stored.</summary>
internal sealed class TouchConfiguration : IEntityTypeConfiguration<Touch>
{
    public void Configure(EntityTypeBuilder<Touch> builder)
    {
        builder.ToTable("touches");
        builder.HasKey(t => t.TouchId);
        builder.Property(t => t.TouchId).ValueGeneratedNever();
        builder.Property(t => t.LeadId);
        builder.Property(t => t.CadenceId);
        builder.Property(t => t.Step);
        builder.Property(t => t.Channel).HasConversion<string>();
        builder.Property(t => t.Subject);
        builder.Property(t => t.Body);
        builder.Property(t => t.SentAt);
        builder.Property(t => t.OptOutToken);
        builder.Property(t => t.ContactId);
        builder.Property(t => t.CustomerId);
    }
}
