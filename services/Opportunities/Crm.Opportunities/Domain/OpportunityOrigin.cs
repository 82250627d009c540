using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>Where a deal comes from: its id (assigned by leads on conversion), and the lead, source and campaign behind it.</summary>
internal sealed record OpportunityOrigin(Guid OpportunityId, Guid? LeadId, LeadSource? Source, Guid? CampaignId);
