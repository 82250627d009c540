namespace Crm.Benchmarks;

/// <summary>The roll-up's timings at <see cref="RollupTiming.Opportunities"/> opportunities, in milliseconds.</summary>
internal sealed record RollupFigures(double RollupP99, double BareP99, double RollupP50, double BareP50, double WriteSeconds, int Samples)
{
    public double Ratio => RollupP99 / BareP99;
}
