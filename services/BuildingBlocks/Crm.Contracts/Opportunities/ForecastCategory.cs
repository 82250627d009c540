using System.Text.Json.Serialization;

namespace Crm.Contracts.Opportunities;

/// <summary>How a rep calls an opportunity in the forecast. Closed comes only with winning the deal; losing it omits it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ForecastCategory>))]
public enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
    Omitted,
    Closed,
}
