using MassTransit;

namespace Crm.Messaging.Topology;

/// <summary>
/// Queue names prefixed by the service: <c>orders.order-booking</c> for the orders service's
/// <c>OrderBookingConsumer</c>, so two services with a consumer of the same name never share a queue.
/// </summary>
internal sealed class ServiceEndpointNameFormatter(string service) : KebabCaseEndpointNameFormatter(includeNamespace: false)
{
    public override string SanitizeName(string name) => $"{service}.{base.SanitizeName(name)}";
}
