namespace CrmPlatform.ServiceDefaults;

/// <summary>Tags that decide which health checks answer <c>/health</c> and which <c>/alive</c>.</summary>
public static class HealthTags
{
    /// <summary>Dependencies the service needs to take work: its database, the broker.</summary>
    public const string Ready = "ready";

    /// <summary>The process itself answers.</summary>
    public const string Live = "live";
}
