using System.Text.Json.Serialization;

namespace Crm.Contracts;

/// <summary>A way of reaching a person, as they consent to it or opt out of it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactChannel>))]
public enum ContactChannel
{
    Email,
    Phone,
    Letter,
    Fax,
}
