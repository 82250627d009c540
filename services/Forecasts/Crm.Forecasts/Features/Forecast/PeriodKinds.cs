using Crm.Contracts.Forecasts;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>A period's kind on the wire and in the events and the database.</summary>
internal static class PeriodKinds
{
    /// <summary>The kind a request names; the request's period has been checked already (a month, quarter or year).</summary>
    public static ForecastPeriodKind Of(Wire.PeriodKind period) => period switch
    {
        Wire.PeriodKind.Month => ForecastPeriodKind.Month,
        Wire.PeriodKind.Quarter => ForecastPeriodKind.Quarter,
        _ => ForecastPeriodKind.Year,
    };

    public static Wire.PeriodKind ToWire(ForecastPeriodKind kind) => kind switch
    {
        ForecastPeriodKind.Month => Wire.PeriodKind.Month,
        ForecastPeriodKind.Quarter => Wire.PeriodKind.Quarter,
        _ => Wire.PeriodKind.Year,
    };

    /// <summary>How many months a period of <paramref name="kind"/> spans (a checked kind: a month, quarter or year).</summary>
    public static int MonthsIn(Wire.PeriodKind kind) => kind switch { Wire.PeriodKind.Month => 1, Wire.PeriodKind.Quarter => 3, _ => 12 };
}
