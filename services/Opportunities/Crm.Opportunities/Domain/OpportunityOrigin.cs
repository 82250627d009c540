using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>Where a deal comes from: its id (assigned by leads on conversion), the lead, source and campaign behind it,
/// and the sales team that worked the lead (whose deal it is).</summary>
internal sealed record OpportunityOrigin(Guid OpportunityId, Guid? LeadId, LeadSource? Source, Guid? CampaignId, string? SalesTeam = null);
