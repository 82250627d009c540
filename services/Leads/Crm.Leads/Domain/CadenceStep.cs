using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>One step of a cadence: what reaches the person, how, and how long after the step before (the first: after
/// the person joined).</summary>
public sealed record CadenceStep(TouchChannel Channel, TimeSpan Wait, string Subject, string Body)
{
    /// <summary>The longest a step waits: a cadence is a matter of days and weeks.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(365);

    /// <summary>The body with the person's names in place of <c>{first_name}</c>, <c>{last_name}</c> and <c>{company}</c>.</summary>
    public string BodyFor(string firstName, string lastName, string company) => Body
        .Replace("{first_name}", firstName, StringComparison.Ordinal)
        .Replace("{last_name}", lastName, StringComparison.Ordinal)
        .Replace("{company}", company, StringComparison.Ordinal);
}
