using Crm.Contracts;
using Crm.Leads.Domain;

namespace Crm.Leads.Features.Return;

/// <summary>The leads of a period with one source and campaign, counted by the database.</summary>
internal sealed record LeadTally(LeadSource Source, Guid? CampaignId, int Leads, int Qualified, int Converted, int WonDeals, decimal WonRevenue, int WonInOtherCurrencies)
{
    public ReturnFigures Figures => new(Leads, Qualified, Converted, WonDeals, WonRevenue, 0, WonInOtherCurrencies);
}
