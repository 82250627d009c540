using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>The integration events of a lead's changes, built from its state right after the change (at its time).</summary>
internal static class LeadEvents
{
    public static LeadCaptured Captured(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadCaptured(Guid.CreateVersion7(lead.UpdatedAt), lead.UpdatedAt, lead.LeadId, lead.Version, lead.Source, lead.CampaignId, lead.Company, lead.Contact);
    }

    public static LeadQualified Qualified(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadQualified(Guid.CreateVersion7(lead.UpdatedAt), lead.UpdatedAt, lead.LeadId, lead.Version, lead.Qualification!, lead.QualifiedBy!);
    }

    public static LeadDisqualified Disqualified(Lead lead, string by)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadDisqualified(
            Guid.CreateVersion7(lead.UpdatedAt), lead.UpdatedAt, lead.LeadId, lead.Version, lead.DisqualificationReason!.Value.ToWireName(), by, lead.DisqualificationNote);
    }

    public static LeadConverted Converted(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadConverted(
            Guid.CreateVersion7(lead.UpdatedAt),
            lead.UpdatedAt,
            lead.LeadId,
            lead.Version,
            lead.Company,
            lead.Contact,
            lead.Source,
            lead.CampaignId,
            lead.Qualification!,
            lead.OpportunityId!.Value,
            lead.OpportunityName!,
            lead.OpportunityOwnerId!,
            lead.ConvertedBy!,
            lead.SalesTeam);
    }
}
