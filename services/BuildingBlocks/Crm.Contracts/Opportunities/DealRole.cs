using System.Text.Json.Serialization;

namespace Crm.Contracts.Opportunities;

/// <summary>The part a member plays in a deal's team, beside its owner (team selling).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DealRole>))]
public enum DealRole
{
    InsideSales,
    SalesEngineer,
    Partner,
    Manager,
}
