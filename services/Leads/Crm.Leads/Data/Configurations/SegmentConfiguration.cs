using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a segment (<see cref="Segment"/>) is stored: its filter as jsonb, read by the database when leads join a cadence.</summary>
internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("segments");
        builder.HasKey(s => s.SegmentId);
        builder.Property(s => s.SegmentId).ValueGeneratedNever();
        builder.Property(s => s.Position).ValueGeneratedOnAdd();
        builder.Property(s => s.Filter).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<SegmentFilter>());
    }
}
