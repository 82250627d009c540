using Crm.Forecasts.Domain.Flow;

namespace Crm.Forecasts.Features;

/// <summary>
/// The flow model of the day, learnt once per replica, at the day's first flow forecast, from every deal's history: how
/// deals move changes over months, not within a day, and learning it reads every step ever kept (seconds at 200,000
/// deals). Later forecasts of the day use it with the deals' states as they are then. One learns while the others wait.
/// </summary>
internal sealed class FlowModels : IDisposable
{
    private readonly SemaphoreSlim _learning = new(1, 1);
    private volatile LearntModel? _latest;

    /// <summary>The model as of <paramref name="asOf"/>, learnt from <paramref name="deals"/> unless it already was.</summary>
    public async Task<FlowModel> AsOfAsync(DateOnly asOf, Func<CancellationToken, Task<List<DealHistory>>> deals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deals);
        if (_latest is { } cached && cached.AsOf == asOf)
        {
            return cached.Model;
        }

        await _learning.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } learnt && learnt.AsOf == asOf)
            {
                return learnt.Model;
            }

            var model = FlowModel.Learn(await deals(cancellationToken), asOf, FlowSettings.Default);
            _latest = new LearntModel(asOf, model);
            return model;
        }
        finally
        {
            _learning.Release();
        }
    }

    public void Dispose() => _learning.Dispose();

    private sealed record LearntModel(DateOnly AsOf, FlowModel Model);
}
