using System.Text.Json.Serialization;

namespace Crm.Contracts.Support;

/// <summary>An inquiry (has my order shipped?) or a problem to resolve.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseKind>))]
public enum CaseKind
{
    Inquiry,
    Problem,
}
