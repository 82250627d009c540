using System.Text.Json.Serialization;

namespace Crm.Contracts.Leads;

/// <summary>How a drip-marketing touch reaches the lead.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TouchChannel>))]
public enum TouchChannel
{
    Email,
    Letter,
    Fax,
    PhoneCallTask,
}
