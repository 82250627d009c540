using Crm.Leads.Domain;

namespace Crm.Leads.Features.Return;

/// <summary>One campaign's figures for a period.</summary>
internal sealed record CampaignReturn(Campaign Campaign, ReturnFigures Figures);
