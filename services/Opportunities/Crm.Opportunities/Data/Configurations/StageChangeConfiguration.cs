using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How a deal's stage change (<see cref="StageChange"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> builder)
    {
        builder.ToTable("stage_changes");
        builder.HasKey(c => c.ChangeId);
        builder.Property(c => c.ChangeId).ValueGeneratedNever();
        builder.Property(c => c.FromStage).HasConversion<string>();
        builder.Property(c => c.ToStage).HasConversion<string>();
    }
}
