namespace Crm.Forecasts.Domain.Flow;

/// <summary>A deal and its chance of being won in each period of a forecast, in their order (all 0 for a closed deal).</summary>
internal sealed record DealChances(DealHistory Deal, IReadOnlyList<double> Chances);
