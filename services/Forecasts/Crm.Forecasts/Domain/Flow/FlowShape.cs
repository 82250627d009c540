using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// The cells a flow is counted in: the five open stages a deal can be in, the seven it can move to (another stage, Won,
/// Lost), and its age in the stage by bands of days, narrow where deals move most and wide in the long tail.
/// </summary>
internal static class FlowShape
{
    /// <summary>Open stages are the first five values of <see cref="OpportunityStage"/>.</summary>
    public const int Stages = 5;

    /// <summary>Every stage a deal can move to: the open ones, then Won and Lost.</summary>
    public const int Destinations = 7;

    public const int Won = (int)OpportunityStage.Won;

    /// <summary>Ages from this many days on share the last band.</summary>
    public const int AgeCap = 337;

    /// <summary>The first age of each band (ages start at 1: the day after a deal entered its stage).</summary>
    private static readonly int[] BandStarts = [1, 8, 15, 22, 29, 43, 57, 85, 113, 169, 225, AgeCap];

    private static readonly int[] BandOfAge = BandsByAge();

    public static int Bands => BandStarts.Length;

    public static int Band(int age) => BandOfAge[Math.Clamp(age, 1, AgeCap)];

    /// <summary>How many of the ages 1..<paramref name="last"/> fall in <paramref name="band"/>.</summary>
    public static int DaysIn(int band, int last)
    {
        var first = BandStarts[band];
        var end = band + 1 < BandStarts.Length ? BandStarts[band + 1] - 1 : int.MaxValue;
        return Math.Max(0, Math.Min(last, end) - first + 1);
    }

    public static bool IsOpen(OpportunityStage stage) => (int)stage < Stages;

    private static int[] BandsByAge()
    {
        var bands = new int[AgeCap + 1];
        for (var age = 1; age <= AgeCap; age++)
        {
            bands[age] = Array.FindLastIndex(BandStarts, start => start <= age);
        }

        return bands;
    }
}
