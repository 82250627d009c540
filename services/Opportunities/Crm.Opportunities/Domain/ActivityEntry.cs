using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>What someone logs about an interaction with the customer: <c>Department</c> is the department's name as
/// stored (the API enum's C# name, InsideSales), <c>OccurredAt</c> when it happened (null for now).</summary>
internal sealed record ActivityEntry(
    Guid CustomerId, Guid? OpportunityId, ActivityKind Kind, string Subject, string? Notes, string Department, ActivityOutcome? Outcome, DateTimeOffset? OccurredAt);
