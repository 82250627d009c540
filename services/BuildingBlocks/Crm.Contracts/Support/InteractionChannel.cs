using System.Text.Json.Serialization;

namespace Crm.Contracts.Support;

/// <summary>How the customer and the company spoke.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InteractionChannel>))]
public enum InteractionChannel
{
    Phone,
    Email,
    Chat,
    Visit,
    Letter,

    /// <summary>Through the customer portal.</summary>
    Portal,
}
