using Crm.Forecasts.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a logged interaction is kept (<c>logged_activities</c>, migration 0008); its enums by name.</summary>
internal sealed class LoggedActivityConfiguration : IEntityTypeConfiguration<LoggedActivity>
{
    public void Configure(EntityTypeBuilder<LoggedActivity> builder)
    {
        builder.ToTable("logged_activities");
        builder.HasKey(a => a.ActivityId);
        builder.Property(a => a.ActivityId).ValueGeneratedNever();
        builder.Property(a => a.Type).HasConversion<string>();
        builder.Property(a => a.Outcome).HasConversion<string>();
        builder.Property(a => a.Department).HasConversion<string>();
    }
}
