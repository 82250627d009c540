using Crm.Api;
using Crm.Forecasts.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;

namespace Crm.EndToEnd.Tests;

/// <summary>Bad input at every RPC of the journey, through the gateway: INVALID_ARGUMENT naming the field, and
/// nothing written.</summary>
public sealed class BadInputThroughTheGatewayTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task A_lead_without_a_source_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var status = await _journey.StatusOfAsync(LeadsMethods.CaptureLead, new CaptureLeadRequest
        {
            Company = new Company { Name = "Sourceless GmbH" },
            Contact = new Person { FirstName = "No", LastName = "Source", Email = "no.source@sourceless.example" },
        });
        Assert.Equal(StatusCode.InvalidArgument, status.Code);
        Assert.StartsWith("source", status.Detail, StringComparison.Ordinal);

        // Other tests add leads meanwhile: look for this one, not at the count.
        var after = await _journey.CallAsync(LeadsMethods.ListLeads, new ListLeadsRequest { Page = new Crm.Common.Grpc.V1.PageRequest { PageSize = 200 } });
        Assert.DoesNotContain(after.Leads, l => l.Company.Name == "Sourceless GmbH" || l.Contact.Email == "no.source@sourceless.example");
    }

    [Fact]
    public async Task Every_journey_RPC_names_the_missing_field()
    {
        var cases = new (string Field, Func<Task<Status>> Call)[]
        {
            ("name", () => _journey.StatusOfAsync(LeadsMethods.LaunchCampaign, new LaunchCampaignRequest { Type = CampaignType.WebCampaign })),
            ("lead_id", () => _journey.StatusOfAsync(LeadsMethods.QualifyLead, new QualifyLeadRequest())),
            ("lead_id", () => _journey.StatusOfAsync(LeadsMethods.ConvertLead, new ConvertLeadRequest { OpportunityOwnerId = "otto" })),
            ("opportunity_id", () => _journey.StatusOfAsync(OpportunitiesMethods.ChangeStage, new ChangeStageRequest { Stage = Stage.Proposal })),
            ("opportunity_id", () => _journey.StatusOfAsync(OpportunitiesMethods.UpdateDeal, new UpdateDealRequest { Probability = -1 })),
            ("customer_id", () => _journey.StatusOfAsync(OpportunitiesMethods.LogActivity, new LogActivityRequest { Kind = ActivityKind.Call, Subject = "x" })),
            ("customer_id", () => _journey.StatusOfAsync(OpportunitiesMethods.ScheduleMeeting, new ScheduleMeetingRequest { Subject = "x" })),
            ("opportunity_id", () => _journey.StatusOfAsync(OpportunitiesMethods.WinOpportunity, new WinOpportunityRequest())),
            ("period", () => _journey.StatusOfAsync(ForecastsMethods.GetForecast, new GetForecastRequest())),
            ("order_id", () => _journey.StatusOfAsync(OrdersMethods.ShipOrder, new ShipOrderRequest { Carrier = "DHL", TrackingNumber = "1" })),
            ("order_id", () => _journey.StatusOfAsync(OrdersMethods.IssueInvoice, new IssueInvoiceRequest())),
            ("invoice_id", () => _journey.StatusOfAsync(OrdersMethods.RecordPayment, new RecordPaymentRequest())),
            ("customer_id", () => _journey.StatusOfAsync(SupportMethods.OpenCase, new OpenCaseRequest { Kind = CaseKind.Inquiry, Priority = 3, Subject = "x" })),
            ("case_id", () => _journey.StatusOfAsync(SupportMethods.LogInteraction, new LogInteractionRequest { Channel = InteractionChannel.Phone, Summary = "x" })),
            ("customer_id", () => _journey.StatusOfAsync(CustomerViewMethods.GetCustomerView, new GetCustomerViewRequest { CustomerId = "not-a-customer" })),
            ("query", () => _journey.StatusOfAsync(CustomerViewMethods.SearchCustomers, new SearchCustomersRequest())),
        };

        var wrong = new List<string>();
        foreach (var (field, call) in cases)
        {
            var status = await call();
            if (status.Code != StatusCode.InvalidArgument || !status.Detail.StartsWith(field, StringComparison.Ordinal))
            {
                wrong.Add($"expected INVALID_ARGUMENT naming {field}, got {status}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
