namespace Crm.Gateway.Features.CustomerView;

/// <summary>How the customer view is composed (configuration section <c>CustomerView</c>).</summary>
public sealed class CustomerViewOptions
{
    /// <summary>How long each section's service may take; a slower one is marked TIMED_OUT, not waited for.</summary>
    public TimeSpan SectionTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far ahead a sales meeting counts as upcoming for the "problem before a meeting" signal.</summary>
    public TimeSpan MeetingHorizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How recent a contact must be for the "someone spoke to them" signal.</summary>
    public TimeSpan RecentContactWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The most timeline entries returned, newest first.</summary>
    public int TimelineLimit { get; set; } = 200;
}
