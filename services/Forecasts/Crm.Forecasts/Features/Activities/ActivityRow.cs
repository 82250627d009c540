using Crm.Contracts;
using Crm.Forecasts.Domain.Activities;

namespace Crm.Forecasts.Features;

/// <summary>What the database counts for one group, period (its index), kind, outcome and department.</summary>
internal sealed class ActivityRow
{
    public string? Group { get; init; }

    public int Period { get; init; }

    public ActivityType Type { get; init; }

    public ActivityOutcome? Outcome { get; init; }

    public Department? Department { get; init; }

    public int Count { get; init; }
}
