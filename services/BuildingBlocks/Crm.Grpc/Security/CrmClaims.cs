namespace Crm.Grpc.Security;

/// <summary>The claims the platform's own identity service puts in its tokens (other providers are mapped by configuration).</summary>
public static class CrmClaims
{
    /// <summary>Who: the person's user name or the machine client's id.</summary>
    public const string Subject = "sub";

    /// <summary>The person's name as others read it.</summary>
    public const string Name = "name";

    /// <summary>One claim per role (<see cref="CrmRoles"/>).</summary>
    public const string Role = "role";

    /// <summary>The sales team a person belongs to.</summary>
    public const string Team = "team";

    /// <summary>A team below the person's in the sales hierarchy, as its path down from them ("east", "east/metro"), one
    /// claim per team: a manager of managers reaches those teams and rolls them up by branch.</summary>
    public const string TeamBelow = "team_below";

    /// <summary>The audience every access token for the platform's APIs carries.</summary>
    public const string Audience = "crm-api";

    /// <summary>An accounting feed event type a machine client is granted (one claim per type; docs/feed.md).</summary>
    public const string FeedType = "feed_type";

    /// <summary>The scope that asks for access to the platform's APIs.</summary>
    public const string ApiScope = "crm";
}
