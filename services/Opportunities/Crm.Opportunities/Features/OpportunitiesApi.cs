using Crm.Domain;
using Crm.Messaging.Commands;
using Crm.Messaging.Data;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Opportunities.Data;
using Crm.Opportunities.Domain;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>
/// <c>crm.opportunities.v1.OpportunitiesService</c>. One partial class per capability folder (Accounts, Deals,
/// Closing, Activities, Meetings, CustomerSales); this part holds what they share. Every command validates its whole
/// request before it writes, then changes its aggregate through the one command path (a new record: added and saved).
/// </summary>
internal sealed partial class OpportunitiesApi(OpportunitiesDbContext db, TimeProvider clock) : Wire.OpportunitiesService.OpportunitiesServiceBase
{
    private DateTimeOffset Now => clock.UtcNowInMicroseconds();

    /// <summary>
    /// Changes a deal (with its lines) through <see cref="CommandPath"/> on behalf of the caller of
    /// <paramref name="context"/>: NOT_FOUND when there is none, PERMISSION_DENIED when it is another team's, ABORTED
    /// when it is not at <paramref name="expectedVersion"/> or changed under a caller who named one.
    /// </summary>
    private Task<Result<Opportunity>> ChangeOpportunityAsync(Guid opportunityId, long expectedVersion, Func<Opportunity, CancellationToken, Task<Result>> apply, ServerCallContext context)
    {
        var reach = CallerReach.Of(context);
        return db.ChangeAsync(
            token => db.Opportunities.Whole().FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, token),
            new CommandTarget("opportunity_id", $"opportunity {opportunityId}"),
            expectedVersion,
            apply,
            context.CancellationToken,
            opportunity => opportunity.WithinReachOf(reach));
    }

    /// <inheritdoc cref="ChangeOpportunityAsync(Guid, long, Func{Opportunity, CancellationToken, Task{Result}}, ServerCallContext)"/>
    private Task<Result<Opportunity>> ChangeOpportunityAsync(Guid opportunityId, long expectedVersion, Func<Opportunity, Result> apply, ServerCallContext context) =>
        ChangeOpportunityAsync(opportunityId, expectedVersion, (opportunity, _) => Task.FromResult(apply(opportunity)), context);

    /// <summary>
    /// Checks that the customer exists and, when <paramref name="opportunityId"/> is given, that the deal is theirs and
    /// within the caller's reach; used by whatever lands on a customer's timeline.
    /// </summary>
    private async Task<(Account? Account, Status Status)> CustomerAsync(Guid customerId, Guid? opportunityId, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var account = await db.Accounts.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return (null, Status.NotFound($"customer {customerId} does not exist"));
        }

        if (opportunityId is { } id)
        {
            var deal = await db.Opportunities.AsNoTracking().Include(o => o.TeamMembers).FirstOrDefaultAsync(o => o.OpportunityId == id && o.CustomerId == customerId, cancellationToken);
            if (deal is null)
            {
                return (null, Status.NotFound($"opportunity {id} does not exist for customer {customerId}"));
            }

            if (deal.WithinReachOf(CallerReach.Of(context)).Error is { } outOfReach)
            {
                return (null, outOfReach.ToStatus());
            }
        }

        return (account, Status.Ok);
    }
}
