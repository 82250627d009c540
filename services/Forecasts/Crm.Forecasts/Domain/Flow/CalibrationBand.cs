namespace Crm.Forecasts.Domain.Flow;

/// <summary>The deals a forecast gave a chance in one tenth (say 30-40%), and how many of them were won.</summary>
/// <param name="Decile">0 for 0-10%, 9 for 90-100%.</param>
/// <param name="Deals">How many deals.</param>
/// <param name="Given">The average chance they were given.</param>
/// <param name="Won">The share of them won.</param>
internal sealed record CalibrationBand(int Decile, int Deals, double Given, double Won)
{
    /// <summary>How far the share won is from the chance given, in percentage points.</summary>
    public double ErrorPoints => Math.Abs(Given - Won) * 100;
}
