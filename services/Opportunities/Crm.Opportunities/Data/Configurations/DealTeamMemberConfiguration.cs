using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>A deal's team (<c>deal_team_members</c>, migration 0010), one row per member, saved with its deal.</summary>
internal sealed class DealTeamMemberConfiguration : IEntityTypeConfiguration<DealTeamMember>
{
    public void Configure(EntityTypeBuilder<DealTeamMember> builder)
    {
        builder.ToTable("deal_team_members");
        builder.HasKey(m => new { m.OpportunityId, m.MemberId });
        builder.Property(m => m.Role).HasConversion<string>();
    }
}
