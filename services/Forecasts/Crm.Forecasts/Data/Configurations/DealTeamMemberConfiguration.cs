using Crm.Forecasts.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>Deal teams' members (<c>deal_team_members</c>, migration 0010; written by SQL only).</summary>
internal sealed class DealTeamMemberConfiguration : IEntityTypeConfiguration<DealTeamMember>
{
    public void Configure(EntityTypeBuilder<DealTeamMember> builder)
    {
        builder.ToTable("deal_team_members");
        builder.HasKey(m => new { m.OpportunityId, m.MemberId });
    }
}
