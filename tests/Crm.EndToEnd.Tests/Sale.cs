namespace Crm.EndToEnd.Tests;

/// <summary>What the journey has established so far about the customer and the deal.</summary>
internal sealed record Sale(string Company, string CampaignId, string LeadId, string CustomerId, string OpportunityId);
