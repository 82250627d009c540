using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>A member of a deal's team beside its owner: they see and log everything on the deal, whatever their sales team.</summary>
internal sealed class DealTeamMember
{
    public Guid OpportunityId { get; init; }

    public string MemberId { get; init; } = string.Empty;

    public DealRole Role { get; set; }

    public string AddedBy { get; init; } = string.Empty;

    public DateTimeOffset AddedAt { get; init; }
}
