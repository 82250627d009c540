using Crm.Contracts;
using MassTransit;

namespace Crm.Messaging.Topology;

/// <summary>
/// Exchange names prefixed by the publishing service, taken from the contract's area: <c>opportunities.opportunity-won</c>
/// for <c>Crm.Contracts.Opportunities.OpportunityWon</c>, and <c>opportunities.opportunity-won.fault</c> for its fault
/// event. Other messages keep MassTransit's names.
/// </summary>
internal sealed class EventEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    private const string ContractsNamespace = "Crm.Contracts.";

    public string FormatEntityName<T>() => NameOf(typeof(T)) ?? fallback.FormatEntityName<T>();

    /// <summary>The exchange of an event or of a fault of one; null for anything else.</summary>
    internal static string? NameOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Fault<>))
        {
            return NameOf(type.GetGenericArguments()[0]) is { } name ? name + ".fault" : null;
        }

        if (!typeof(IIntegrationEvent).IsAssignableFrom(type) || type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) != true)
        {
            return null;
        }

        var area = type.Namespace[ContractsNamespace.Length..].ToLowerInvariant();
        return $"{area}.{KebabCase(type.Name)}";
    }

    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
