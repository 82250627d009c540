namespace Crm.Forecasts.Domain;

/// <summary>A member of a deal's team (besides its owner): the deal is in their reach in every report.</summary>
internal sealed class DealTeamMember
{
    public Guid OpportunityId { get; init; }

    public string MemberId { get; init; } = string.Empty;
}
