namespace Crm.Messaging.Recovery;

/// <summary>What the watchdog last heard of a receive endpoint.</summary>
internal enum EndpointState
{
    /// <summary>Consuming: MassTransit reported it ready.</summary>
    Ready,

    /// <summary>Faulted, or completed without being asked to stop: not consuming.</summary>
    Down,

    /// <summary>Being restarted by the watchdog.</summary>
    Restarting,

    /// <summary>Stopped on purpose (the service is shutting down): left alone.</summary>
    Stopped,
}
