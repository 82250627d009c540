using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a campaign (<see cref="Campaign"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => c.CampaignId);
        builder.Property(c => c.CampaignId).ValueGeneratedNever();
        builder.Property(c => c.Position).ValueGeneratedOnAdd();
        builder.Property(c => c.Type).HasConversion<string>();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Budget);
        builder.Ignore(c => c.Total);
        builder.Ignore(c => c.Source);
    }
}
