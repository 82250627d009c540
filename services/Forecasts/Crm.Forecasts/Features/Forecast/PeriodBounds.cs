using Crm.Grpc;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>The first and last day of the month, quarter or year that contains a day.</summary>
internal sealed record PeriodBounds(DateOnly StartsOn, DateOnly EndsOn)
{
    public static (PeriodBounds? Bounds, Status Status) Of(Wire.PeriodKind period, DateOnly within)
    {
        var (startMonth, months) = period switch
        {
            Wire.PeriodKind.Month => (within.Month, 1),
            Wire.PeriodKind.Quarter => ((((within.Month - 1) / 3) * 3) + 1, 3),
            Wire.PeriodKind.Year => (1, 12),
            _ => (0, 0),
        };
        if (months == 0)
        {
            return (null, Status.InvalidArgument("period", "is required: MONTH, QUARTER or YEAR"));
        }

        var starts = new DateOnly(within.Year, startMonth, 1);
        return (new PeriodBounds(starts, starts.AddMonths(months).AddDays(-1)), Status.Ok);
    }

    /// <summary>The <paramref name="count"/> consecutive periods from the one that contains <paramref name="within"/>.</summary>
    public static (IReadOnlyList<PeriodBounds> Periods, Status Status) Run(Wire.PeriodKind period, DateOnly within, int count)
    {
        var (first, status) = Of(period, within);
        if (first is null)
        {
            return ([], status);
        }

        var periods = new List<PeriodBounds> { first };
        while (periods.Count < count)
        {
            periods.Add(Of(period, periods[^1].EndsOn.AddDays(1)).Bounds!);
        }

        return (periods, Status.Ok);
    }

    public bool Contains(DateOnly? day) => day is { } d && d >= StartsOn && d <= EndsOn;
}
