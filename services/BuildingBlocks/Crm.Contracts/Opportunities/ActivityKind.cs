using System.Text.Json.Serialization;

namespace Crm.Contracts.Opportunities;

/// <summary>What kind of interaction was logged on the timeline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    Call,
    Meeting,
    EmailIn,
    EmailOut,
    DocumentSent,
    Note,
    Letter,
}
