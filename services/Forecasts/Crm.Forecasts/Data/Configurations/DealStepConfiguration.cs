using Crm.Forecasts.Domain.Flow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a deal's step (<see cref="DealStep"/>) is stored: one row per opportunity and version.</summary>
internal sealed class DealStepConfiguration : IEntityTypeConfiguration<DealStep>
{
    public void Configure(EntityTypeBuilder<DealStep> builder)
    {
        builder.ToTable("deal_steps");
        builder.HasKey(s => new { s.OpportunityId, s.Version });
        builder.Property(s => s.Stage).HasConversion<string>();
        builder.Property(s => s.Category).HasConversion<string>();
    }
}
