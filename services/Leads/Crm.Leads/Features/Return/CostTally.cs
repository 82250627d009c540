namespace Crm.Leads.Features.Return;

/// <summary>The costs a campaign recorded in a period in one currency, summed by the database.</summary>
internal sealed record CostTally(Guid CampaignId, string Currency, decimal Amount, int Costs);
