using System.Text.Json.Serialization;

namespace Crm.Contracts.Opportunities;

/// <summary>How a rep calls an opportunity in the forecast.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ForecastCategory>))]
public enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
    Omitted,
}
