extern alias service;

using service::Crm.Forecasts.Domain.Flow;
using service::Crm.Forecasts.Features;

namespace Crm.Forecasts.Tests.Flow;

/// <summary>The day's flow model is learnt once per replica, whoever asks first, and again the next day.</summary>
public sealed class FlowModelsTests
{
    private static readonly DateOnly Monday = new(2027, 3, 1);

    [Fact]
    public async Task The_days_model_is_learnt_once_however_many_ask_at_once_and_again_the_next_day()
    {
        using var models = new FlowModels();
        var loads = 0;
        var release = new TaskCompletionSource();
        Func<CancellationToken, Task<List<DealHistory>>> deals = async _ =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return [];
        };

        var asking = Enumerable.Range(0, 5).Select(_ => models.AsOfAsync(Monday, deals, TestContext.Current.CancellationToken)).ToList();
        release.SetResult();
        var answers = await Task.WhenAll(asking);
        var later = await models.AsOfAsync(Monday, deals, TestContext.Current.CancellationToken);
        var nextDay = await models.AsOfAsync(Monday.AddDays(1), deals, TestContext.Current.CancellationToken);

        Assert.Equal(2, loads);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.Same(answers[0], later);
        Assert.NotSame(later, nextDay);
    }
}
