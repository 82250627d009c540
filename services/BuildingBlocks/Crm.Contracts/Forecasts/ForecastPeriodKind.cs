using System.Text.Json.Serialization;

namespace Crm.Contracts.Forecasts;

/// <summary>The length of a forecast period.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ForecastPeriodKind>))]
public enum ForecastPeriodKind
{
    Month,
    Quarter,
    Year,
}
