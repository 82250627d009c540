using System.Text.Json.Serialization;

namespace Crm.Contracts.Support;

/// <summary>Which service-level target a case missed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceLevelTarget>))]
public enum ServiceLevelTarget
{
    FirstResponse,
    Resolution,
}
