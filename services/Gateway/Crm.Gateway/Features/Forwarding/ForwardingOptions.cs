namespace Crm.Gateway.Features.Forwarding;

/// <summary>Which APIs the gateway forwards, each to the service that owns it.</summary>
public sealed class ForwardingOptions
{
    /// <summary>Every service's public API (<see cref="ServiceRoutes.All"/>); a deployment may add its own.</summary>
    public IList<ServiceRoute> Routes { get; } = [.. ServiceRoutes.All];
}
