using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Leads.Domain;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using Campaign = Crm.Leads.Grpc.V1.Campaign;
using Crm.Messaging.Commands;

namespace Crm.Leads.Features;

/// <summary>Marketing's campaigns: launch, record costs, read.</summary>
public sealed partial class LeadsApi
{
    public override Task<Campaign> LaunchCampaign(LaunchCampaignRequest request, ServerCallContext context) => LaunchCampaignAsync(request, context).Answer();

    private async Task<GrpcResult<Campaign>> LaunchCampaignAsync(LaunchCampaignRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var name = check.Text(request.Name, "name");
        var type = check.Known(request.Type, "type", required: true);
        var now = Now();
        var startsOn = check.Date(request.StartsOn, "starts_on", required: false) ?? DateOnly.FromDateTime(now.UtcDateTime);
        var endsOn = check.Date(request.EndsOn, "ends_on", required: false);
        var budget = check.Money(request.Budget, "budget", required: false);
        if (endsOn < startsOn)
        {
            check.Fail("ends_on", $"{endsOn:yyyy-MM-dd} is before starts_on {startsOn:yyyy-MM-dd}");
        }

        if (budget?.Amount < 0)
        {
            check.Fail("budget", "must not be negative");
        }

        if (check.Failure is { } failure)
        {
            return failure;
        }

        var campaign = Domain.Campaign.Launch(name, WireMapping.ToDomain(type), startsOn, endsOn, budget, Caller.Of(context), now);
        _db.Campaigns.Add(campaign);
        await _db.SaveChangesAsync(context.CancellationToken);
        return campaign.ToMessage();
    }

    public override Task<Campaign> RecordCampaignCost(RecordCampaignCostRequest request, ServerCallContext context) => RecordCampaignCostAsync(request, context).Answer();

    private async Task<GrpcResult<Campaign>> RecordCampaignCostAsync(RecordCampaignCostRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var campaignId = check.Id(request.CampaignId, "campaign_id");
        var amount = check.Money(request.Amount, "amount", required: true);
        var description = check.OptionalText(request.Description, "description", TextLimits.Line) ?? string.Empty;
        if (amount is { Amount: <= 0 })
        {
            check.Fail("amount", "must be more than zero");
        }

        if (check.Failure is { } failure)
        {
            return failure;
        }

        var by = Caller.Of(context);
        var now = Now();
        var changed = await _db.ChangeAsync(
            token => _db.Campaigns.SingleOrDefaultAsync(c => c.CampaignId == campaignId, token),
            new CommandTarget("campaign_id", $"campaign {campaignId}"),
            expectedVersion: 0,
            campaign =>
            {
                var recorded = campaign.RecordCost(amount!, description, "amount.currency_code", by, now);
                if (recorded.Value is { } cost)
                {
                    _db.CampaignCosts.Add(cost);
                }

                return recorded;
            },
            context.CancellationToken);
        return changed.ToResponse(campaign => campaign.ToMessage());
    }

    public override Task<Campaign> GetCampaign(GetCampaignRequest request, ServerCallContext context) => GetCampaignAsync(request, context).Answer();

    private async Task<GrpcResult<Campaign>> GetCampaignAsync(GetCampaignRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var campaignId = check.Id(request.CampaignId, "campaign_id");
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var campaign = await _db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.CampaignId == campaignId, context.CancellationToken);
        return campaign is null ? CampaignNotFound(campaignId) : campaign.ToMessage();
    }

    public override Task<ListCampaignsResponse> ListCampaigns(ListCampaignsRequest request, ServerCallContext context) => ListCampaignsAsync(request, context).Answer();

    private async Task<GrpcResult<ListCampaignsResponse>> ListCampaignsAsync(ListCampaignsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (page, next) = await _db.Campaigns.AsNoTracking().PageAsync(c => c.Position, before, size, c => c.ToMessage(), context.CancellationToken);
        return new ListCampaignsResponse { Campaigns = { page }, NextPageToken = next };
    }

    private static Status CampaignNotFound(Guid campaignId) => Status.NotFound($"campaign_id: campaign {campaignId} does not exist");
}
