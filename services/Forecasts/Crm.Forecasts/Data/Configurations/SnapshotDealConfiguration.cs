using Crm.Forecasts.Domain.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a deal is kept as it stood at a snapshot (<c>snapshot_deals</c>, migration 0007; written by SQL only).</summary>
internal sealed class SnapshotDealConfiguration : IEntityTypeConfiguration<SnapshotDeal>
{
    public void Configure(EntityTypeBuilder<SnapshotDeal> builder)
    {
        builder.ToTable("snapshot_deals");
        builder.HasKey(d => new { d.TakenOn, d.OpportunityId });
        builder.Property(d => d.Stage).HasConversion<string>();
        builder.Property(d => d.Category).HasConversion<string>();
    }
}
