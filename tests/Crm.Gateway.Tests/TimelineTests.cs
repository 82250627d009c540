extern alias gateway;

using Crm.Api;
using Crm.Common.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using gateway::Crm.Gateway.Features.CustomerView;
using gateway::Crm.Gateway.Grpc.V1;
using WireLeads = gateway::Crm.Leads.Grpc.V1;
using WireOrders = gateway::Crm.Orders.Grpc.V1;
using WireSales = gateway::Crm.Opportunities.Grpc.V1;
using WireSupport = gateway::Crm.Support.Grpc.V1;

namespace Crm.Gateway.Tests;

/// <summary>Regression: the timeline lacked qualification, conversion, stage changes, the win, escalations,
/// resolutions, payment amounts and who did each thing, and showed enum names ("EmailOut") and "1 minutes ago".</summary>
public sealed class TimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Timestamp At(double hours) => Timestamp.FromDateTimeOffset(Start.AddHours(hours));

    private static Section<T> Ok<T>(T value)
        where T : class => new(value, new SectionStatus { State = SectionState.Ok });

    [Fact]
    public void Every_business_event_is_a_line_in_plain_words_with_who_did_it()
    {
        var lead = new WireLeads.Lead
        {
            LeadId = "lead-1", Source = LeadSource.TradeShow, Contact = new WireLeads.Person { FirstName = "Grace", LastName = "Okafor" },
            CapturedAt = At(0), CapturedBy = "mia.marketing", QualifiedAt = At(1), QualifiedBy = "ian.inside", ConvertedAt = At(2), ConvertedBy = "ian.inside",
            Qualification = new WireLeads.Qualification { Budget = MoneyConversions.ToMoney(50_000m, "EUR") },
        };
        var deal = new WireSales.Opportunity
        {
            OpportunityId = "deal-1", Name = "Harbor rollout", Stage = WireSales.Stage.Won, Amount = MoneyConversions.ToMoney(12_000m, "EUR"), OwnerId = "olga.outside",
            OpenedAt = At(3), ClosedAt = At(6), ClosedBy = "olga.outside",
            StageChanges = { new WireSales.StageChange { From = WireSales.Stage.Qualification, To = WireSales.Stage.HandlingObjections, At = At(4), By = "olga.outside" } },
        };
        var sales = new WireSales.CustomerSales { Opportunities = { deal } };
        sales.Activities.Add(new WireSales.Activity { ActivityId = "act-1", Kind = WireSales.ActivityKind.EmailOut, Subject = "Proposal", Department = Department.OutsideSales, LoggedBy = "olga.outside", OccurredAt = At(5) });
        var invoice = new WireOrders.Invoice
        {
            InvoiceId = "inv-1", Number = "INV-000042", Amount = MoneyConversions.ToMoney(12_000m, "EUR"), DueOn = DateConversions.ToDate(new DateOnly(2026, 4, 1)), IssuedAt = At(8),
            Payments = { new WireOrders.Payment { PaymentId = "pay-1", Amount = MoneyConversions.ToMoney(4_000.5m, "EUR"), ReceivedAt = At(9), RecordedBy = "anna.accounting" } },
        };
        var order = new WireOrders.Order
        {
            OrderId = "order-1", Status = WireOrders.OrderStatus.Invoiced, Total = MoneyConversions.ToMoney(12_000m, "EUR"), BookedAt = At(7), Lines = { new WireOrders.OrderLine() },
            Shipment = new WireOrders.Shipment { Carrier = "DHL", TrackingNumber = "JD01", ShippedAt = At(7.5), ShippedBy = "oskar.orders" }, Invoices = { invoice },
        };
        var supportCase = new WireSupport.Case
        {
            CaseId = "case-1", Kind = WireSupport.CaseKind.Problem, Priority = 1, Subject = "Cell 2 stops", AssigneeId = "tom.tech", OpenedAt = At(10),
            EscalationLevel = 2, EscalatedAt = At(11), Resolution = "Replaced the sensor", ResolvedAt = At(12), ResolvedBy = "tom.tech",
            Interactions = { new WireSupport.Interaction { InteractionId = "int-1", Channel = WireSupport.InteractionChannel.OnSite, Summary = "Checked the welder", Department = Department.TechnicalSupport, LoggedBy = "tom.tech", OccurredAt = At(11.5) } },
        };
        var sections = new CustomerSections(
            Ok(new WireLeads.CustomerOrigin { Leads = { lead }, Touches = { new WireLeads.Touch { TouchId = "touch-1", Channel = WireLeads.TouchChannel.Email, Subject = "Thank you for visiting", SentAt = At(0.5) } } }),
            Ok(sales), Ok(new WireOrders.CustomerOrders { Orders = { order } }), Ok(new WireSupport.CustomerCases { Cases = { supportCase } }));

        var lines = TimelineBuilder.Build(sections, 100).Select(e => (e.Summary, e.Actor)).ToList();

        Assert.Equal(
            [
                ("Case resolved: Replaced the sensor", "tom.tech"),
                ("Visit on site: Checked the welder", "tom.tech"),
                ("Case escalated to level 2: Cell 2 stops", "tom.tech"),
                ("Problem opened (priority 1): Cell 2 stops", "tom.tech"),
                ("Payment of 4,000.50 EUR received for invoice INV-000042", "anna.accounting"),
                ("Invoice INV-000042 issued: 12,000.00 EUR, due 2026-04-01", string.Empty),
                ("Shipped by DHL (tracking JD01)", "oskar.orders"),
                ("Order booked: 1 line, 12,000.00 EUR", string.Empty),
                ("\"Harbor rollout\" won: 12,000.00 EUR", "olga.outside"),
                ("E-mail sent: Proposal", "olga.outside"),
                ("\"Harbor rollout\" moved from qualification to handling objections", "olga.outside"),
                ("Opportunity \"Harbor rollout\" opened for 12,000.00 EUR", "olga.outside"),
                ("Lead converted into an opportunity", "ian.inside"),
                ("Lead qualified, budget 50,000.00 EUR", "ian.inside"),
                ("Drip e-mail: Thank you for visiting", "drip cadence"),
                ("Lead captured at a trade show: Grace Okafor", "mia.marketing"),
            ],
            lines);
    }

    [Theory]
    [InlineData(0.5, "1 minute ago")]
    [InlineData(1, "1 minute ago")]
    [InlineData(5, "5 minutes ago")]
    [InlineData(60, "1 hour ago")]
    [InlineData(180, "3 hours ago")]
    [InlineData(1500, "yesterday")]
    public void Time_reads_as_people_say_it(double minutes, string said) => Assert.Equal(said, SignalRules.Ago(TimeSpan.FromMinutes(minutes)));
}
