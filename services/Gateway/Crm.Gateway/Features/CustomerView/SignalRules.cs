using System.Globalization;
using Crm.Common.Grpc.V1;
using Crm.Gateway.Grpc.V1;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>
/// Facts that join departments, phrased for the person about to act: what no single service can say on its own.
/// </summary>
public static class SignalRules
{
    public static IReadOnlyList<Signal> Derive(CustomerSections sections, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now, CustomerViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(options);
        var signals = new List<Signal>();
        if (sections.Orders.Value?.Credit is { OnHold: true } credit)
        {
            signals.Add(Signal(SignalKind.CreditHold, $"Credit hold: no new orders. {credit.Reason}".TrimEnd(), credit.OverdueInvoiceIds));
        }

        var openCases = sections.Support.Value?.Cases.Where(c => c.Status != Support.Grpc.V1.CaseStatus.Resolved).ToList() ?? [];
        var meetings = sections.Sales.Value?.UpcomingMeetings
            .Where(m => !m.Postponed && m.StartsAt is not null && m.StartsAt.ToDateTimeOffset() >= now && m.StartsAt.ToDateTimeOffset() <= now + options.MeetingHorizon)
            .OrderBy(m => m.StartsAt.ToDateTimeOffset())
            .ToList() ?? [];
        foreach (var problem in openCases.Where(c => c.Kind == Support.Grpc.V1.CaseKind.Problem && c.Priority == 1))
        {
            if (meetings.FirstOrDefault() is { } meeting)
            {
                signals.Add(Signal(
                    SignalKind.OpenP1BeforeMeeting,
                    $"Open priority-1 problem \"{problem.Subject}\" before the sales meeting \"{meeting.Subject}\" on {meeting.StartsAt.ToDateTimeOffset().ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: consider postponing it or placing a courtesy call first.",
                    [problem.CaseId, meeting.MeetingId]));
            }
        }

        foreach (var breached in openCases.Where(c => Past(c.ResolveBy, now) || (Past(c.RespondBy, now) && c.Interactions.Count == 0)))
        {
            signals.Add(Signal(SignalKind.ServiceLevelBreached, $"Service-level target missed on P{breached.Priority} case \"{breached.Subject}\".", [breached.CaseId]));
        }

        // The latest contact of each department, so that nobody calls unaware of yesterday's call.
        foreach (var contact in timeline
                     .Where(e => e.Source is TimelineSource.SalesActivity or TimelineSource.SupportInteraction && e.At.ToDateTimeOffset() >= now - options.RecentContactWindow && e.At.ToDateTimeOffset() <= now)
                     .GroupBy(e => e.Department)
                     .Select(g => g.First()))
        {
            signals.Add(Signal(SignalKind.RecentContact, $"{Describe(contact.Department)} was in touch {Ago(now - contact.At.ToDateTimeOffset())}: {contact.Summary}", [contact.ReferenceId]));
        }

        return signals;
    }

    private static bool Past(Google.Protobuf.WellKnownTypes.Timestamp? at, DateTimeOffset now) => at is not null && at.ToDateTimeOffset() < now;

    private static Signal Signal(SignalKind kind, string message, IEnumerable<string> references)
    {
        var signal = new Signal { Kind = kind, Message = message };
        signal.ReferenceIds.AddRange(references);
        return signal;
    }

    private static string Describe(Department department) => department switch
    {
        Department.Marketing => "Marketing",
        Department.InsideSales => "Inside Sales",
        Department.OutsideSales => "Outside Sales",
        Department.SalesManagement => "Sales Management",
        Department.OrderEntry => "Order Entry",
        Department.Accounting => "Accounting",
        Department.CustomerService => "Customer Service",
        Department.TechnicalSupport => "Technical Support",
        _ => "Someone",
    };

    /// <summary>"1 minute ago", "5 minutes ago", "1 hour ago", "3 hours ago", "yesterday".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed.TotalHours < 1
        ? Count(Math.Max(1, (int)elapsed.TotalMinutes), "minute") + " ago"
        : elapsed.TotalHours < 24 ? Count((int)elapsed.TotalHours, "hour") + " ago" : "yesterday";

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
