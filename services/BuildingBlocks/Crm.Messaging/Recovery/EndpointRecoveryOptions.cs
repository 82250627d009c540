namespace Crm.Messaging;

/// <summary>How a service brings back a receive endpoint that stopped consuming; bound from <c>Messaging:Recovery</c>.</summary>
public sealed class EndpointRecoveryOptions
{
    /// <summary>
    /// How long an endpoint may be down before it is restarted, once the broker accepts connections again. MassTransit
    /// retries on its own, but its wait grows to half a minute, and a receive transport cancelled mid-reconnect never
    /// retries at all (MassTransit 8.4.0).
    /// </summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the endpoints are looked at.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a stalled endpoint may take to stop (its consumers in flight finish first) before it is started again.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>False to leave reconnecting to MassTransit alone.</summary>
    public bool Enabled { get; set; } = true;
}
