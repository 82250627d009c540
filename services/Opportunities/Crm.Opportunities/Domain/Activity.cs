using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>An interaction with the customer on the shared timeline, with who logged it and their department.</summary>
internal sealed class Activity
{
    public Guid ActivityId { get; init; }

    public Guid CustomerId { get; init; }

    public Guid? OpportunityId { get; init; }

    public ActivityKind Kind { get; init; }

    public required string Subject { get; init; }

    public string? Notes { get; init; }

    public required string LoggedBy { get; init; }

    /// <summary>The department's name as in crm.common.v1.Department (INSIDE_SALES, ...).</summary>
    public required string Department { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset LoggedAt { get; init; }
}
