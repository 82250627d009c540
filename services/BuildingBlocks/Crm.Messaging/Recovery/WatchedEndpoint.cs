using MassTransit;

namespace Crm.Messaging.Recovery;

/// <summary>A receive endpoint as the watchdog sees it: its state and since when, and when it was last restarted.</summary>
internal sealed class WatchedEndpoint(IReceiveEndpoint endpoint, Uri address)
{
    public IReceiveEndpoint Endpoint { get; set; } = endpoint;

    public Uri Address { get; } = address;

    public EndpointState State { get; set; } = EndpointState.Ready;

    /// <summary>When it entered <see cref="State"/>; repeated faults while down keep the first time.</summary>
    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? LastRestart { get; set; }

    /// <summary>The watchdog stopped it to start it again, and MassTransit has not reported that stop yet: it may do so
    /// after the restart has ended, and that report is not a stop to keep.</summary>
    public bool StopAskedFor { get; set; }

    /// <summary>Restarts since it was last ready: after one that did not help, the watchdog restarts the whole bus.</summary>
    public int Restarts { get; set; }
}
