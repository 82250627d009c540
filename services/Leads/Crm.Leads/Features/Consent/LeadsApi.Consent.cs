using Crm.Api;
using Crm.Contracts;
using Crm.Grpc;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Lead = Crm.Leads.Grpc.V1.Lead;

namespace Crm.Leads.Features;

/// <summary>A person's consent to a channel, or their opt-out of it.</summary>
public sealed partial class LeadsApi
{
    public override Task<Lead> RecordLeadConsent(RecordLeadConsentRequest request, ServerCallContext context) => RecordLeadConsentAsync(request, context).Answer();

    private async Task<GrpcResult<Lead>> RecordLeadConsentAsync(RecordLeadConsentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var leadId = check.Id(request.LeadId, "lead_id");
        var (channel, source) = ConsentConversions.Read(request.Channel, request.Granted, request.Source, check);
        if (ExpectedVersion(request.ExpectedVersion, check) is { StatusCode: not StatusCode.OK } failure)
        {
            return failure;
        }

        var consent = new ChannelConsent(channel, request.Granted, source, Caller.Of(context), Now());
        var changed = await ChangeLeadAsync(leadId, request.ExpectedVersion, lead => lead.RecordConsent(consent), context, takesUp: false);
        return changed.ToResponse(lead => lead.ToMessage());
    }
}
