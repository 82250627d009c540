namespace Crm.Forecasts.Domain.Flow;

/// <summary>A period forecast for, by its first and last day, both included.</summary>
internal sealed record ForecastWindow(DateOnly First, DateOnly Last)
{
    public bool Holds(DateOnly day) => day >= First && day <= Last;
}
