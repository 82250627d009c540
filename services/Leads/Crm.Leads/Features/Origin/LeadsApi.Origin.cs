using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Grpc.Security;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features;

/// <summary>Where a customer came from, for the customer view: its converted leads and their campaigns.</summary>
public sealed partial class LeadsApi
{
    /// <summary>The customer's timeline shows the latest touches; ListTouches has every one.</summary>
    private const int LatestTouchesInOrigin = 50;

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
        var campaignIds = leads.Where(l => l.CampaignId is not null).Select(l => l.CampaignId!.Value).Distinct().ToList();
        var campaigns = await _db.Campaigns.AsNoTracking()
            .Where(c => campaignIds.Contains(c.CampaignId))
            .OrderBy(c => c.Position)
            .ToListAsync(cancellationToken);

        // The touches of the leads it came from, and of its contacts since it became a customer.
        var leadIds = leads.Select(l => (Guid?)l.LeadId).ToList();
        var touches = _db.Touches.AsNoTracking().Where(t => leadIds.Contains(t.LeadId) || t.CustomerId == customerId);
        var touchesSent = await touches.CountAsync(cancellationToken);
        if (leads.Count == 0 && touchesSent == 0)
        {
            return Status.NotFound($"customer_id: no lead was converted into customer {customerId}, and no cadence touched its contacts");
        }

        var latest = await touches.OrderByDescending(t => t.SentAt).Take(LatestTouchesInOrigin).ToListAsync(cancellationToken);

        // The origin is the customer's story, but a lead another team works stays that team's.
        var reach = CallerReach.Of(context);
        var (fittedLeads, leadsCut) = ResponseBudget.Fit(leads.Where(l => l.WithinReachOf(reach).IsDone).Select(l => l.ToMessage()));
        var (fittedCampaigns, campaignsCut) = ResponseBudget.Fit(campaigns.Select(c => c.ToMessage()));
        return new CustomerOrigin
        {
            CustomerId = customerId.ToString(),
            Leads = { fittedLeads },
            Campaigns = { fittedCampaigns },
            TouchesSent = touchesSent,
            Touches = { latest.Select(t => t.ToMessage()).Select(t => { t.Body = string.Empty; return t; }) },
            Truncated = leadsCut || campaignsCut,
        };
    }
}
