using Crm.Opportunities.Data;
using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Customer sales: everything sales knows of one customer, for the gateway's customer view.</summary>
internal sealed partial class OpportunitiesApi
{
    /// <summary>How long a closed deal still counts as recent in the customer view.</summary>
    private static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(90);

    private const int UpcomingMeetingLimit = 50;

    public override Task<Wire.CustomerSales> GetCustomerSales(Wire.GetCustomerSalesRequest request, ServerCallContext context) => GetCustomerSalesAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.CustomerSales>> GetCustomerSalesAsync(Wire.GetCustomerSalesRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = context.CancellationToken;
        var account = await db.Accounts.AsNoTracking().Include(a => a.Contacts).FirstOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            // The gateway marks the sales section "not found" from this status: keep it NOT_FOUND.
            return Status.NotFound($"customer {customerId} does not exist");
        }

        var now = Now;
        var closedSince = now - RecentlyClosed;
        var activityLimit = request.ActivityLimit <= 0 ? Paging.DefaultSize : Math.Min(request.ActivityLimit, Paging.MaxSize);
        var opportunities = await db.Opportunities.AsNoTracking().Whole()
            .Where(o => o.CustomerId == customerId
                && ((o.Stage != OpportunityStage.Won && o.Stage != OpportunityStage.Lost) || o.ClosedAt >= closedSince))
            .OrderBy(o => o.ClosedAt != null).ThenBy(o => o.CloseDate).ThenBy(o => o.OpportunityId)
            .ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.EndsAt >= now)
            .OrderBy(m => m.StartsAt).Take(UpcomingMeetingLimit)
            .ToListAsync(cancellationToken);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.LoggedAt).Take(activityLimit)
            .ToListAsync(cancellationToken);

        // Every department sees the customer; a rep sees the deals of their team and their own among them.
        var reach = CallerReach.Of(context);
        var (deals, dealsCut) = ResponseBudget.Fit(opportunities.Where(o => o.WithinReachOf(reach).IsDone).Select(o => o.ToWire()));
        var (upcoming, meetingsCut) = ResponseBudget.Fit(meetings.Select(m => m.ToWire()));
        var (latest, activitiesCut) = ResponseBudget.Fit(activities.Select(a => a.ToWire()));
        return new Wire.CustomerSales
        {
            Account = account.ToWire(),
            Opportunities = { deals },
            UpcomingMeetings = { upcoming },
            Activities = { latest },
            Truncated = dealsCut || meetingsCut || activitiesCut,
        };
    }
}
