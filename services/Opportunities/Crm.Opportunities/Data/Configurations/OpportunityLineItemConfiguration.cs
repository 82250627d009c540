using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How an opportunity line item (<see cref="OpportunityLineItem"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class OpportunityLineItemConfiguration : IEntityTypeConfiguration<OpportunityLineItem>
{
    public void Configure(EntityTypeBuilder<OpportunityLineItem> builder)
    {
        builder.ToTable("opportunity_lines");
        builder.HasKey(l => l.LineId);
        builder.Property(l => l.LineId).ValueGeneratedNever();
    }
}
