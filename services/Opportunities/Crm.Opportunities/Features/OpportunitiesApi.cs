using Crm.Messaging.Data;
using Crm.Grpc;
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
/// request before it writes, and writes state and events in one SaveChanges.
/// </summary>
internal sealed partial class OpportunitiesApi(OpportunitiesDbContext db, TimeProvider clock) : Wire.OpportunitiesService.OpportunitiesServiceBase
{
    private DateTimeOffset Now => clock.UtcNowInMicroseconds();

    /// <summary>An open opportunity to change, or why it cannot be changed.</summary>
    private async Task<(Opportunity? Opportunity, Status Status)> OpenOpportunityAsync(Guid opportunityId, long expectedVersion, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.Include(o => o.Lines).FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, cancellationToken);
        if (opportunity is null)
        {
            return (null, Status.NotFound($"opportunity {opportunityId} does not exist"));
        }

        var version = ExpectedVersion.Check(expectedVersion, opportunity.Version, $"opportunity {opportunityId}");
        if (!version.IsOk)
        {
            return (null, version);
        }

        return opportunity.IsOpen
            ? (opportunity, Status.Ok)
            : (null, Status.FailedPrecondition($"opportunity {opportunityId} is already {opportunity.Stage}: a closed deal no longer changes"));
    }

    /// <summary>
    /// Checks that the customer exists and, when <paramref name="opportunityId"/> is given, that the deal is theirs;
    /// used by whatever lands on a customer's timeline.
    /// </summary>
    private async Task<(Account? Account, Status Status)> CustomerAsync(Guid customerId, Guid? opportunityId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return (null, Status.NotFound($"customer {customerId} does not exist"));
        }

        if (opportunityId is { } id && !await db.Opportunities.AnyAsync(o => o.OpportunityId == id && o.CustomerId == customerId, cancellationToken))
        {
            return (null, Status.NotFound($"opportunity {id} does not exist for customer {customerId}"));
        }

        return (account, Status.Ok);
    }

    /// <summary>Saves the command's state and events together; a concurrent change of the same record is ABORTED.</summary>
    private async Task<Status> SaveAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Status.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ExpectedVersion.Changed(what);
        }
    }
}
