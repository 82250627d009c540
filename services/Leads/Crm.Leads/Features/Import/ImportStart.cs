using Crm.Contracts;

namespace Crm.Leads.Features.Import;

/// <summary>What every lead of one import shares: where it came from, who captured it, and the team it belongs to
/// (none: marketing's leads wait in the pool, as captured ones do).</summary>
internal sealed record ImportStart(LeadSource Source, Guid? CampaignId, string FileName, string By, string? SalesTeam);
