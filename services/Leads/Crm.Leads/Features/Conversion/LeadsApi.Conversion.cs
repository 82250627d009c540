using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Leads.Domain;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;

namespace Crm.Leads.Features;

/// <summary>
/// Conversion of a qualified lead. Leads assigns the opportunity's id and publishes LeadConverted; the opportunities
/// service matches or creates the customer account and opens the opportunity, and tells us the customer back
/// (OpportunityOpenedConsumer).
/// </summary>
public sealed partial class LeadsApi
{
    public override Task<ConvertLeadResponse> ConvertLead(ConvertLeadRequest request, ServerCallContext context) => ConvertLeadAsync(request, context).Answer();

    private async Task<GrpcResult<ConvertLeadResponse>> ConvertLeadAsync(ConvertLeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var leadId = check.Id(request.LeadId, "lead_id");
        var owner = check.Text(request.OpportunityOwnerId, "opportunity_owner_id");
        var name = check.OptionalText(request.OpportunityName, "opportunity_name");
        if (ExpectedVersion(request.ExpectedVersion, check) is { IsOk: false } failure)
        {
            return failure;
        }

        // Without a name the deal is called after the company, as a rep would name it first.
        var by = Caller.Of(context);
        var now = Now();
        var changed = await ChangeLeadAsync(leadId, request.ExpectedVersion, lead => lead.Convert(owner, name ?? lead.Company.Name, by, now), context);
        return changed.ToResponse(lead => new ConvertLeadResponse
        {
            Lead = lead.ToMessage(), OpportunityId = lead.OpportunityId!.Value.ToString(), CustomerId = lead.CustomerId?.ToString() ?? string.Empty,
        });
    }
}
