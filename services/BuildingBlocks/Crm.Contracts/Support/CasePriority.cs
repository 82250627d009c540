using System.Text.Json.Serialization;

namespace Crm.Contracts.Support;

/// <summary>How urgent a case is; priority 1 is the most urgent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CasePriority>))]
public enum CasePriority
{
    Priority1,
    Priority2,
    Priority3,
    Priority4,
}
