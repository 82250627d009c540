using System.Text.Json.Serialization;

namespace Crm.Contracts;

/// <summary>How an interaction with the customer went: a call connected, left a message or found nobody; a meeting was
/// held or the customer did not come; a message went out or came in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityOutcome>))]
public enum ActivityOutcome
{
    Connected,
    LeftMessage,
    NoAnswer,
    Held,
    NoShow,
    Sent,
}
