using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How a meeting (<see cref="Meeting"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        builder.HasKey(m => m.MeetingId);
        builder.Property(m => m.MeetingId).ValueGeneratedNever();
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}
