using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Messaging;

/// <summary>
/// The <c>Crm.Messaging</c> activity source. The relay's publish span continues the trace of the command that wrote the
/// event (its traceparent is stored in the outbox row), and the consumer's span continues the publish span through
/// the <c>traceparent</c> header, so one trace id runs from the command into every consumer.
/// </summary>
public static class MessagingTelemetry
{
    /// <summary>The name to subscribe to (the service defaults subscribe to <c>Crm.*</c>).</summary>
    public const string SourceName = "Crm.Messaging";

    /// <summary>The message header that carries the W3C trace context from the relay to the consumers.</summary>
    public const string TraceParentHeader = "traceparent";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Receive endpoints the watchdog restarted, tagged with the queue: more than a few mean the broker is unsteady.</summary>
    internal static readonly Counter<long> EndpointRestarts =
        Meter.CreateCounter<long>("crm.messaging.endpoint.restarts", "{restart}", "Receive endpoints restarted after they stopped consuming");

    internal static Activity? StartPublish(string messageType, string? traceParent, string? traceState)
    {
        var parent = ActivityContext.TryParse(traceParent, traceState, out var stored) ? stored : default;
        return Source.StartActivity($"outbox publish {ShortName(messageType)}", ActivityKind.Producer, parent);
    }

    internal static Activity? StartConsume(string messageType, string? traceParent)
    {
        // MassTransit's own consume span, when something listens to it, already continues the trace: nest under it.
        var parent = Activity.Current?.Context ?? (ActivityContext.TryParse(traceParent, null, out var remote) ? remote : default);
        return Source.StartActivity($"consume {messageType}", ActivityKind.Consumer, parent);
    }

    private static string ShortName(string messageType)
    {
        var name = messageType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
