using System.Text.Json;

namespace Crm.Testing;

/// <summary>An event the service wrote to its outbox: its type's short name, aggregate, version and body, and whether
/// the relay has published it (the broker confirmed it).</summary>
public sealed record PublishedEvent(string Type, Guid AggregateId, long Version, JsonElement Body, bool Sent)
{
    /// <summary>An amount in the body (the serializer writes decimals as strings, exactly).</summary>
    public decimal Amount(params string[] path) =>
        decimal.Parse(path.Aggregate(Body, (element, name) => element.GetProperty(name)).ToString(), System.Globalization.CultureInfo.InvariantCulture);
}
