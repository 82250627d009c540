using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How an activity (<see cref="Activity"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.HasKey(a => a.ActivityId);
        builder.Property(a => a.ActivityId).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>();
        builder.Property(a => a.Outcome).HasConversion<string>();
    }
}
