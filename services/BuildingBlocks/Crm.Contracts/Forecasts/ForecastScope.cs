using System.Text.Json.Serialization;

namespace Crm.Contracts.Forecasts;

/// <summary>Whose forecast a snapshot holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ForecastScope>))]
public enum ForecastScope
{
    Rep,
    Team,
    Company,
}
