using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using WireOrders = Crm.Orders.Grpc.V1;
using WireSales = Crm.Opportunities.Grpc.V1;
using WireSupport = Crm.Support.Grpc.V1;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>
/// One timeline from every department's records, newest first: what a rep reads before calling. Every business event
/// a department would want to see is a line, in plain words, with who did it.
/// </summary>
public static class TimelineBuilder
{
    /// <summary>The longest summary a timeline line shows; the record it refers to has the whole text.</summary>
    public const int SummaryLength = 200;

    public static IReadOnlyList<TimelineEntry> Build(CustomerSections sections, int limit)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var entries = new List<TimelineEntry>();
        if (sections.Origin.Value is { } origin)
        {
            foreach (var lead in origin.Leads)
            {
                var person = lead.Contact is { } contact ? $"{contact.FirstName} {contact.LastName}".Trim() : string.Empty;
                entries.Add(Entry(lead.CapturedAt, TimelineSource.Lead, Department.Marketing, Titled($"Lead captured {TimelineWords.Of(lead.Source)}", person), lead.CapturedBy, lead.LeadId));
                entries.Add(Entry(lead.QualifiedAt, TimelineSource.Lead, Department.InsideSales, Qualified(lead), lead.QualifiedBy, lead.LeadId));
                entries.Add(Entry(lead.ConvertedAt, TimelineSource.Lead, Department.InsideSales, "Lead converted into an opportunity", lead.ConvertedBy, lead.LeadId));
            }

            // Marketing's drip touches, sent with no human action.
            entries.AddRange(origin.Touches.Select(t => Entry(t.SentAt, TimelineSource.Lead, Department.Marketing, Titled(TimelineWords.Of(t.Channel), t.Subject), "drip cadence", t.TouchId)));
        }

        if (sections.Sales.Value is { } sales)
        {
            foreach (var deal in sales.Opportunities)
            {
                AddDeal(entries, deal);
            }

            entries.AddRange(sales.Activities.Select(a => Entry(a.OccurredAt, TimelineSource.SalesActivity, a.Department, Titled(TimelineWords.Of(a.Kind), a.Subject), a.LoggedBy, a.ActivityId)));
            entries.AddRange(sales.UpcomingMeetings.Select(m => Entry(m.StartsAt, TimelineSource.Meeting, Department.OutsideSales,
                Titled(m.Postponed ? "Meeting (postponed)" : "Meeting", m.Subject), m.OrganizerId, m.MeetingId)));
        }

        if (sections.Orders.Value is { } orders)
        {
            foreach (var order in orders.Orders)
            {
                AddOrder(entries, order);
            }

            if (orders.Credit is { OnHold: true } credit)
            {
                entries.Add(Entry(credit.Since, TimelineSource.Invoice, Department.Accounting, $"Credit hold: {credit.Reason}", string.Empty, orders.Credit.CustomerId));
            }
        }

        if (sections.Support.Value is { } support)
        {
            foreach (var supportCase in support.Cases)
            {
                AddCase(entries, supportCase);
            }
        }

        return [.. entries.Where(e => e.At is not null).OrderByDescending(e => e.At.ToDateTimeOffset()).Take(limit)];
    }

    private static void AddDeal(List<TimelineEntry> entries, WireSales.Opportunity deal)
    {
        entries.Add(Entry(deal.OpenedAt, TimelineSource.SalesActivity, Department.OutsideSales, $"Opportunity \"{deal.Name}\" opened for {TimelineWords.Of(deal.Amount)}", deal.OwnerId, deal.OpportunityId));
        entries.AddRange(deal.StageChanges.Select(c => Entry(c.At, TimelineSource.SalesActivity, Department.OutsideSales,
            $"\"{deal.Name}\" moved from {TimelineWords.Of(c.From)} to {TimelineWords.Of(c.To)}", c.By, deal.OpportunityId)));
        var closing = deal.Stage switch
        {
            WireSales.Stage.Won => $"\"{deal.Name}\" won: {TimelineWords.Of(deal.Amount)}",
            WireSales.Stage.Lost => $"\"{deal.Name}\" lost: {deal.LossReason}",
            _ => null,
        };
        if (closing is not null)
        {
            entries.Add(Entry(deal.ClosedAt, TimelineSource.SalesActivity, Department.OutsideSales, closing, deal.ClosedBy, deal.OpportunityId));
        }
    }

    private static void AddOrder(List<TimelineEntry> entries, WireOrders.Order order)
    {
        entries.Add(Entry(order.BookedAt, TimelineSource.Order, Department.OrderEntry,
            order.Status == WireOrders.OrderStatus.Rejected
                ? $"Order rejected: {order.RejectionReason}"
                : $"Order booked: {order.Lines.Count} {(order.Lines.Count == 1 ? "line" : "lines")}, {TimelineWords.Of(order.Total)}",
            string.Empty,
            order.OrderId));
        if (order.Shipment is { ShippedAt: not null } shipment)
        {
            entries.Add(Entry(shipment.ShippedAt, TimelineSource.Shipment, Department.OrderEntry, $"Shipped by {shipment.Carrier} (tracking {shipment.TrackingNumber})", shipment.ShippedBy, order.OrderId));
        }

        foreach (var invoice in order.Invoices)
        {
            entries.Add(Entry(invoice.IssuedAt, TimelineSource.Invoice, Department.Accounting, $"Invoice {invoice.Number} issued: {TimelineWords.Of(invoice.Amount)}, due {TimelineWords.Of(invoice.DueOn)}", string.Empty, invoice.InvoiceId));
            entries.AddRange(invoice.Payments.Select(p => Entry(p.ReceivedAt, TimelineSource.Payment, Department.Accounting, $"Payment of {TimelineWords.Of(p.Amount)} received for invoice {invoice.Number}", p.RecordedBy, p.PaymentId)));
        }
    }

    private static void AddCase(List<TimelineEntry> entries, WireSupport.Case supportCase)
    {
        var department = supportCase.Kind == WireSupport.CaseKind.Problem ? Department.TechnicalSupport : Department.CustomerService;
        entries.Add(Entry(supportCase.OpenedAt, TimelineSource.Case, department, $"{TimelineWords.Of(supportCase.Kind)} opened (priority {supportCase.Priority}): {supportCase.Subject}", supportCase.AssigneeId, supportCase.CaseId));
        entries.Add(Entry(supportCase.EscalatedAt, TimelineSource.Case, department, $"Case escalated to level {supportCase.EscalationLevel}: {supportCase.Subject}", supportCase.AssigneeId, supportCase.CaseId));
        entries.Add(Entry(supportCase.ResolvedAt, TimelineSource.Case, department, $"Case resolved: {supportCase.Resolution}", supportCase.ResolvedBy, supportCase.CaseId));
        entries.AddRange(supportCase.Interactions.Select(i => Entry(i.OccurredAt, TimelineSource.SupportInteraction, i.Department, Titled(TimelineWords.Of(i.Channel), i.Summary), i.LoggedBy, i.InteractionId)));
    }

    private static string Qualified(Crm.Leads.Grpc.V1.Lead lead) =>
        lead.Qualification?.Budget is { } budget ? $"Lead qualified, budget {TimelineWords.Of(budget)}" : "Lead qualified";

    /// <summary>"Call: Pricing questions", or "Call" when there is no subject.</summary>
    private static string Titled(string what, string subject) => string.IsNullOrWhiteSpace(subject) ? what : $"{what}: {subject}";

    private static TimelineEntry Entry(Timestamp? at, TimelineSource source, Department department, string summary, string actor, string reference) =>
        new() { At = at, Source = source, Department = department, Summary = Echo.Shorten(summary, SummaryLength), Actor = actor, ReferenceId = reference };
}
