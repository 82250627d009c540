using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>A move of a deal between open stages, with who made it and the deal's version it made: part of the deal's
/// history on the timeline, in the order of <see cref="Version"/>.</summary>
internal sealed record StageChange(Guid ChangeId, Guid OpportunityId, long Version, OpportunityStage FromStage, OpportunityStage ToStage, DateTimeOffset ChangedAt, string ChangedBy);
