using Crm.Contracts.Feed;
using System.Security.Claims;
using Crm.Grpc.Security;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// Which of the feed's types a caller receives: a machine client only those it was granted (its <c>feed_type</c>
/// claims); a person in accounting, and an administrator, every one.
/// </summary>
public static class FeedGrants
{
    public static IReadOnlySet<string> TypesFor(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var granted = caller.FindAll(CrmClaims.FeedType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return granted.Count > 0 || !(caller.IsInRole(CrmRoles.Accounting) || caller.IsInRole(CrmRoles.Administrator))
            ? FeedCatalogue.Types.Select(t => t.Type).Where(granted.Contains).ToHashSet(StringComparer.Ordinal)
            : FeedCatalogue.Types.Select(t => t.Type).ToHashSet(StringComparer.Ordinal);
    }
}
