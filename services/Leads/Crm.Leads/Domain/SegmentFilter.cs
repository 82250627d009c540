using Crm.Contracts;

namespace Crm.Leads.Domain;

/// <summary>
/// Which leads and customers' contacts a segment holds: a person matches when they match every list that is not empty
/// (and any value within a list). A contact is matched by the customer's industry and country and their buying role;
/// source, campaign and score describe leads, so a filter on them holds no contact. Stored as jsonb and read by the
/// database when people join a cadence (Features/Cadences/CadenceMembers).
/// </summary>
/// <param name="Sources">The lead's source.</param>
/// <param name="CampaignIds">The lead's campaign.</param>
/// <param name="Industries">Compared without regard to case.</param>
/// <param name="Countries">ISO 3166-1 alpha-2, of the company's address.</param>
/// <param name="Personas">The person's buying role.</param>
/// <param name="MinimumScore">The lowest lead score (<see cref="LeadScore"/>) that matches; 0 for every lead.</param>
/// <param name="Audience">Leads, contacts or both; a segment saved before contacts could be targeted holds leads.</param>
public sealed record SegmentFilter(
    IReadOnlyList<LeadSource> Sources,
    IReadOnlyList<Guid> CampaignIds,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Countries,
    IReadOnlyList<BuyingRole> Personas,
    int MinimumScore = 0,
    SegmentAudience Audience = SegmentAudience.Leads);
