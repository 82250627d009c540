using Crm.Forecasts.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a forecast entry (<see cref="ForecastEntry"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class ForecastEntryConfiguration : IEntityTypeConfiguration<ForecastEntry>
{
    public void Configure(EntityTypeBuilder<ForecastEntry> builder)
    {
        builder.ToTable("forecast_entries");
        builder.HasKey(e => e.OpportunityId);
        builder.Property(e => e.OpportunityId).ValueGeneratedNever();
        builder.Property(e => e.Stage).HasConversion<string>();
        builder.Property(e => e.Category).HasConversion<string>();
        builder.Property(e => e.ManagerCategory).HasConversion<string>();
        builder.Ignore(e => e.IsOpen);
    }
}
