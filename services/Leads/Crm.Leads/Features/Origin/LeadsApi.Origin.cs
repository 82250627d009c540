using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Grpc.Security;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features;

/// <summary>Where a customer came from, for the customer view: its converted leads and their campaigns.</summary>
public sealed partial class LeadsApi
{
    public override Task<CustomerOrigin> GetCustomerOrigin(GetCustomerOriginRequest request, ServerCallContext context) => GetCustomerOriginAsync(request, context).Answer();

    private async Task<GrpcResult<CustomerOrigin>> GetCustomerOriginAsync(GetCustomerOriginRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var cancellationToken = context.CancellationToken;
        var leads = await _db.Leads.AsNoTracking()
            .Where(l => l.CustomerId == customerId)
            .OrderBy(l => l.Position)
            .ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return Status.NotFound($"customer_id: no lead was converted into customer {customerId}");
        }

        var campaignIds = leads.Where(l => l.CampaignId is not null).Select(l => l.CampaignId!.Value).Distinct().ToList();
        var campaigns = await _db.Campaigns.AsNoTracking()
            .Where(c => campaignIds.Contains(c.CampaignId))
            .OrderBy(c => c.Position)
            .ToListAsync(cancellationToken);

        // Drip marketing does not exist yet: no touch has been sent to anyone.
        // The origin is the customer's story, but a lead another team works stays that team's.
        var reach = CallerReach.Of(context);
        var (fittedLeads, leadsCut) = ResponseBudget.Fit(leads.Where(l => l.WithinReachOf(reach).IsDone).Select(l => l.ToMessage()));
        var (fittedCampaigns, campaignsCut) = ResponseBudget.Fit(campaigns.Select(c => c.ToMessage()));
        return new CustomerOrigin
        {
            CustomerId = customerId.ToString(),
            Leads = { fittedLeads },
            Campaigns = { fittedCampaigns },
            TouchesSent = 0,
            Truncated = leadsCut || campaignsCut,
        };
    }
}
