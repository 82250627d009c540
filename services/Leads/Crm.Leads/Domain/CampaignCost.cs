namespace Crm.Leads.Domain;

/// <summary>One cost recorded against a campaign (a stand, an advert, a mailing).</summary>
public sealed record CampaignCost(
    Guid CostId,
    Guid CampaignId,
    string Description,
    decimal Amount,
    string Currency,
    DateOnly IncurredOn,
    DateTimeOffset RecordedAt,
    string RecordedBy);
