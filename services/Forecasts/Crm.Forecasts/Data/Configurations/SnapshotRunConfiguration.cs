using Crm.Forecasts.Domain.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>The days snapshots were taken (<c>forecast_snapshot_runs</c>, migration 0007).</summary>
internal sealed class SnapshotRunConfiguration : IEntityTypeConfiguration<SnapshotRun>
{
    public void Configure(EntityTypeBuilder<SnapshotRun> builder)
    {
        builder.ToTable("forecast_snapshot_runs");
        builder.HasKey(r => r.TakenOn);
        builder.Property(r => r.PeriodKind).HasConversion<string>();
    }
}
