using Crm.Contracts;

namespace Crm.Leads.Domain;

/// <summary>
/// Which leads a segment holds: a lead matches when it matches every list that is not empty (and any value within a
/// list). Stored as jsonb and read by the database when leads join a cadence (Features/Cadences/CadenceMembers).
/// </summary>
/// <param name="Sources">The lead's source.</param>
/// <param name="CampaignIds">The lead's campaign.</param>
/// <param name="Industries">Compared without regard to case.</param>
/// <param name="Countries">ISO 3166-1 alpha-2, of the company's address.</param>
/// <param name="Personas">The person's buying role.</param>
/// <param name="MinimumScore">The lowest lead score (<see cref="LeadScore"/>) that matches; 0 for every lead.</param>
public sealed record SegmentFilter(
    IReadOnlyList<LeadSource> Sources,
    IReadOnlyList<Guid> CampaignIds,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Countries,
    IReadOnlyList<BuyingRole> Personas,
    int MinimumScore = 0);
