using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Gateway.Tests;

/// <summary>One customer as each service would describe it, relative to <paramref name="now"/>.</summary>
public sealed class CustomerData(DateTimeOffset now)
{
    public string CustomerId { get; } = Guid.NewGuid().ToString();

    public CustomerOrigin Origin => new()
    {
        CustomerId = CustomerId,
        Leads = { new Lead { LeadId = "lead-1", Source = LeadSource.TradeShow, Status = LeadStatus.Converted, CapturedAt = At(-TimeSpan.FromDays(20)) } },
    };

    public CustomerSales Sales => new()
    {
        Account = new Account { CustomerId = CustomerId, Name = "Acme Tooling", Contacts = { new Contact { ContactId = "c-1", FirstName = "Ada", LastName = "Byrne", Email = "ada@acme.example", BuyingRole = BuyingRole.EconomicBuyer } } },
        Opportunities = { new Opportunity { OpportunityId = "opp-1", CustomerId = CustomerId, Name = "Press line", Stage = Stage.Negotiation, Probability = 50, Amount = MoneyConversions.ToMoney(120000m, "EUR") } },
        UpcomingMeetings = { new Meeting { MeetingId = "meet-1", CustomerId = CustomerId, Subject = "Contract review", StartsAt = At(TimeSpan.FromDays(2)), EndsAt = At(TimeSpan.FromDays(2) + TimeSpan.FromHours(1)) } },
        Activities =
        {
            new Activity { ActivityId = "act-1", Kind = ActivityKind.Call, Subject = "Budget confirmed", Department = Department.InsideSales, LoggedBy = "irene", OccurredAt = At(-TimeSpan.FromHours(20)) },
            new Activity { ActivityId = "act-2", Kind = ActivityKind.EmailOut, Subject = "Proposal sent", Department = Department.OutsideSales, LoggedBy = "otto", OccurredAt = At(-TimeSpan.FromDays(3)) },
        },
    };

    public CustomerOrders Orders => new()
    {
        Orders =
        {
            new Order
            {
                OrderId = "ord-1", CustomerId = CustomerId, Status = OrderStatus.Invoiced, BookedAt = At(-TimeSpan.FromDays(40)),
                Shipment = new Shipment { Carrier = "DHL", TrackingNumber = "JD0001", ShippedAt = At(-TimeSpan.FromDays(38)) },
                Invoices =
                {
                    new Invoice
                    {
                        InvoiceId = "inv-1", Status = InvoiceStatus.Overdue, IssuedAt = At(-TimeSpan.FromDays(37)), DueOn = DateConversions.ToDate(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-7))),
                        Payments = { new Payment { PaymentId = "pay-1", Amount = MoneyConversions.ToMoney(100m, "EUR"), ReceivedAt = At(-TimeSpan.FromDays(30)), RecordedBy = "anna" } },
                    },
                },
            },
        },
        Credit = new CreditStatus { CustomerId = CustomerId, OnHold = true, Reason = "Invoice inv-1 is overdue.", OverdueInvoiceIds = { "inv-1" } },
    };

    public CustomerCases Cases => new()
    {
        Cases =
        {
            new Case
            {
                CaseId = "case-1", CustomerId = CustomerId, Kind = CaseKind.Problem, Priority = 1, Status = CaseStatus.CaseOpen, Subject = "Press controller down",
                OpenedAt = At(-TimeSpan.FromHours(3)), RespondBy = At(TimeSpan.FromHours(1)), ResolveBy = At(TimeSpan.FromHours(4)),
                Interactions = { new Interaction { InteractionId = "int-1", Channel = InteractionChannel.Phone, Summary = "Customer reports outage", Department = Department.TechnicalSupport, OccurredAt = At(-TimeSpan.FromHours(2)) } },
            },
        },
    };

    private Timestamp At(TimeSpan offset) => Timestamp.FromDateTimeOffset(now + offset);
}
