namespace Crm.Forecasts.Domain.Flow;

/// <summary>The ways a period's revenue is forecast, compared by a backtest.</summary>
internal enum ForecastMethod
{
    /// <summary>Each open deal the rep expects to close in the period, weighted by its stage's probability.</summary>
    StageProbability,

    /// <summary>The rep's own call: the deals they commit for the period.</summary>
    RepCategories,

    /// <summary>Each open deal weighted by its chance of being won in the period, from the flow of the rep's own deals.</summary>
    Calibrated,

    /// <summary>Each open deal weighted by a chance given from outside: in a benchmark, the generated history's own truth,
    /// to tell a forecast's error from the luck no forecast can know.</summary>
    Reference,
}
