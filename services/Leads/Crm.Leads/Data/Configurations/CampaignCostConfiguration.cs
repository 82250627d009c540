using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a campaign cost (<see cref="CampaignCost"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class CampaignCostConfiguration : IEntityTypeConfiguration<CampaignCost>
{
    public void Configure(EntityTypeBuilder<CampaignCost> builder)
    {
        builder.ToTable("campaign_costs");
        builder.HasKey(c => c.CostId);
        builder.Property(c => c.CostId).ValueGeneratedNever();
        builder.Property(c => c.Description);
        builder.Property(c => c.Amount);
        builder.Property(c => c.Currency);
        builder.Property(c => c.IncurredOn);
        builder.Property(c => c.RecordedAt);
        builder.Property(c => c.RecordedBy);
    }
}
