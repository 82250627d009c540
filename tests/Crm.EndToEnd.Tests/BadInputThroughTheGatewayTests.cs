using Crm.Api;
using Crm.Forecasts.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Grpc.Core;
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
        var status = await _journey.StatusOfAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Company = new Company { Name = "Sourceless GmbH" },
            Contact = new Person { FirstName = "No", LastName = "Source", Email = "no.source@sourceless.example" },
        }, o));
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith("source", status.Detail, StringComparison.Ordinal);

        // Other tests add leads meanwhile: look for this one, not at the count.
        var after = await _journey.CallAsync((api, o) => api.Leads.ListLeadsAsync(new ListLeadsRequest { Page = new Crm.Common.Grpc.V1.PageRequest { PageSize = 200 } }, o));
        Assert.DoesNotContain(after.Leads, l => l.Company.Name == "Sourceless GmbH" || l.Contact.Email == "no.source@sourceless.example");
    }

    [Fact]
    public async Task Every_journey_RPC_names_the_missing_field()
    {
        var cases = new (string Field, Func<Task<Status>> Call)[]
        {
            ("name", () => _journey.StatusOfAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest { Type = CampaignType.WebCampaign }, o))),
            ("lead_id", () => _journey.StatusOfAsync((api, o) => api.Leads.QualifyLeadAsync(new QualifyLeadRequest(), o))),
            ("lead_id", () => _journey.StatusOfAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { OpportunityOwnerId = "otto" }, o))),
            ("opportunity_id", () => _journey.StatusOfAsync((api, o) => api.Opportunities.ChangeStageAsync(new ChangeStageRequest { Stage = Stage.Proposal }, o))),
            ("opportunity_id", () => _journey.StatusOfAsync((api, o) => api.Opportunities.UpdateDealAsync(new UpdateDealRequest(), o))),
            ("customer_id", () => _journey.StatusOfAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest { Kind = ActivityKind.Call, Subject = "x" }, o))),
            ("customer_id", () => _journey.StatusOfAsync((api, o) => api.Opportunities.ScheduleMeetingAsync(new ScheduleMeetingRequest { Subject = "x" }, o))),
            ("opportunity_id", () => _journey.StatusOfAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest(), o))),
            ("period", () => _journey.StatusOfAsync((api, o) => api.Forecasts.GetForecastAsync(new GetForecastRequest(), o))),
            ("order_id", () => _journey.StatusOfAsync((api, o) => api.Orders.ShipOrderAsync(new ShipOrderRequest { Carrier = "DHL", TrackingNumber = "1" }, o))),
            ("order_id", () => _journey.StatusOfAsync((api, o) => api.Orders.IssueInvoiceAsync(new IssueInvoiceRequest(), o))),
            ("invoice_id", () => _journey.StatusOfAsync((api, o) => api.Orders.RecordPaymentAsync(new RecordPaymentRequest(), o))),
            ("customer_id", () => _journey.StatusOfAsync((api, o) => api.Support.OpenCaseAsync(new OpenCaseRequest { Kind = CaseKind.Inquiry, Priority = 3, Subject = "x" }, o))),
            ("case_id", () => _journey.StatusOfAsync((api, o) => api.Support.LogInteractionAsync(new LogInteractionRequest { Channel = InteractionChannel.Phone, Summary = "x" }, o))),
            ("customer_id", () => _journey.StatusOfAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = "not-a-customer" }, o))),
            ("query", () => _journey.StatusOfAsync((api, o) => api.CustomerView.SearchCustomersAsync(new SearchCustomersRequest(), o))),
        };

        var wrong = new List<string>();
        foreach (var (field, call) in cases)
        {
            var status = await call();
            if (status.StatusCode != StatusCode.InvalidArgument || !status.Detail.StartsWith(field, StringComparison.Ordinal))
            {
                wrong.Add($"expected INVALID_ARGUMENT naming {field}, got {status}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
