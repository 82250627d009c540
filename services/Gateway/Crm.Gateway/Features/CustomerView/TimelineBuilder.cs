using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>One timeline from every department's records, newest first: what a rep reads before calling.</summary>
public static class TimelineBuilder
{
    public static IReadOnlyList<TimelineEntry> Build(CustomerSections sections, int limit)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var entries = new List<TimelineEntry>();
        if (sections.Origin.Value is { } origin)
        {
            entries.AddRange(origin.Leads.Select(l => Entry(l.CapturedAt, TimelineSource.Lead, Department.Marketing, $"Lead captured from {l.Source}", string.Empty, l.LeadId)));
        }

        if (sections.Sales.Value is { } sales)
        {
            entries.AddRange(sales.Activities.Select(a => Entry(a.OccurredAt, TimelineSource.SalesActivity, a.Department, $"{a.Kind}: {a.Subject}", a.LoggedBy, a.ActivityId)));
            entries.AddRange(sales.UpcomingMeetings.Select(m => Entry(m.StartsAt, TimelineSource.Meeting, Department.OutsideSales,
                (m.Postponed ? "Meeting (postponed): " : "Meeting: ") + m.Subject, m.OrganizerId, m.MeetingId)));
        }

        if (sections.Orders.Value is { } orders)
        {
            foreach (var order in orders.Orders)
            {
                entries.Add(Entry(order.BookedAt, TimelineSource.Order, Department.OrderEntry,
                    order.Status == Orders.Grpc.V1.OrderStatus.Rejected ? $"Order rejected: {order.RejectionReason}" : $"Order booked ({order.Lines.Count} lines)", string.Empty, order.OrderId));
                if (order.Shipment is { ShippedAt: not null } shipment)
                {
                    entries.Add(Entry(shipment.ShippedAt, TimelineSource.Shipment, Department.OrderEntry, $"Shipped by {shipment.Carrier} ({shipment.TrackingNumber})", string.Empty, order.OrderId));
                }

                foreach (var invoice in order.Invoices)
                {
                    entries.Add(Entry(invoice.IssuedAt, TimelineSource.Invoice, Department.Accounting, $"Invoice issued, due {Format(invoice.DueOn)}", string.Empty, invoice.InvoiceId));
                    entries.AddRange(invoice.Payments.Select(p => Entry(p.ReceivedAt, TimelineSource.Payment, Department.Accounting, "Payment received", string.Empty, p.PaymentId)));
                }
            }
        }

        if (sections.Support.Value is { } support)
        {
            foreach (var supportCase in support.Cases)
            {
                var department = supportCase.Kind == Support.Grpc.V1.CaseKind.Problem ? Department.TechnicalSupport : Department.CustomerService;
                entries.Add(Entry(supportCase.OpenedAt, TimelineSource.Case, department, $"P{supportCase.Priority} {supportCase.Kind} opened: {supportCase.Subject}", supportCase.AssigneeId, supportCase.CaseId));
                entries.AddRange(supportCase.Interactions.Select(i => Entry(i.OccurredAt, TimelineSource.SupportInteraction, i.Department, $"{i.Channel}: {i.Summary}", i.LoggedBy, i.InteractionId)));
            }
        }

        return [.. entries.Where(e => e.At is not null).OrderByDescending(e => e.At.ToDateTimeOffset()).Take(limit)];
    }

    /// <summary>The longest summary a timeline line shows; the record it refers to has the whole text.</summary>
    public const int SummaryLength = 200;

    private static TimelineEntry Entry(Timestamp? at, TimelineSource source, Department department, string summary, string actor, string reference) =>
        new() { At = at, Source = source, Department = department, Summary = Echo.Shorten(summary, SummaryLength), Actor = actor, ReferenceId = reference };

    private static string Format(Date? date) => date is null ? "?" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";
}
