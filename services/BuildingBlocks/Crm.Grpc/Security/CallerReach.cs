using Crm.Domain;
using Grpc.Core;

namespace Crm.Grpc.Security;

/// <summary>
/// The caller's <see cref="SalesReach"/>, from its token: administrators, vice-presidents (sales managers without a
/// team) and the departments that only read sales data reach every team; a team's manager reaches the team and the
/// teams below it (<see cref="CrmClaims.TeamBelow"/>); a rep reaches their team's records and their own.
/// </summary>
public static class CallerReach
{
    private static readonly string[] EveryTeam = [CrmRoles.Administrator, CrmRoles.Marketing, CrmRoles.OrderEntry, CrmRoles.Accounting, CrmRoles.CustomerService, CrmRoles.TechnicalSupport];

    public static SalesReach Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        var team = user.FindFirst(CrmClaims.Team)?.Value is { Length: > 0 } t ? t : null;
        string[] below = [.. user.FindAll(CrmClaims.TeamBelow).Select(c => c.Value).Where(v => v.Length > 0)];
        if (EveryTeam.Any(user.IsInRole) || (user.IsInRole(CrmRoles.SalesManager) && team is null))
        {
            return SalesReach.All with { Below = below };
        }

        var rep = user.IsInRole(CrmRoles.InsideSales) || user.IsInRole(CrmRoles.OutsideSales);
        return new SalesReach(false, team, rep ? Caller.Of(context) : null) { Below = user.IsInRole(CrmRoles.SalesManager) ? below : [] };
    }
}
