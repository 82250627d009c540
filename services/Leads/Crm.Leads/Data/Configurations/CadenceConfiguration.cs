using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a cadence (<see cref="Cadence"/>) is stored: its steps as jsonb.</summary>
internal sealed class CadenceConfiguration : IEntityTypeConfiguration<Cadence>
{
    public void Configure(EntityTypeBuilder<Cadence> builder)
    {
        builder.ToTable("cadences");
        builder.HasKey(c => c.CadenceId);
        builder.Property(c => c.CadenceId).ValueGeneratedNever();
        builder.Property(c => c.Position).ValueGeneratedOnAdd();
        builder.Property(c => c.Status).HasConversion<string>();
        builder.Property(c => c.Steps).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<IReadOnlyList<CadenceStep>>());
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
