using Crm.Forecasts.Domain.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a snapshot's figures are stored (<c>forecast_snapshots</c>, migration 0007).</summary>
internal sealed class ForecastSnapshotConfiguration : IEntityTypeConfiguration<ForecastSnapshot>
{
    public void Configure(EntityTypeBuilder<ForecastSnapshot> builder)
    {
        builder.ToTable("forecast_snapshots");
        builder.HasKey(s => s.SnapshotId);
        builder.Property(s => s.SnapshotId).ValueGeneratedNever();
        builder.Property(s => s.Scope).HasConversion<string>();
        builder.Property(s => s.PeriodKind).HasConversion<string>();
    }
}
