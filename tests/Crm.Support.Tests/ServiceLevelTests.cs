using Crm.Support.Grpc.V1;
using Crm.Testing;

namespace Crm.Support.Tests;

public sealed class ServiceLevelTests(CrmTestServers servers) : IAsyncLifetime
{
    private SupportHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SupportHost.StartAsync(servers, nameof(ServiceLevelTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_missed_target_is_published_once_per_case_and_target()
    {
        var unanswered = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync(), priority: 1);
        var answered = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync(), priority: 1);
        await _host.Client.LogInteractionAsync(new LogInteractionRequest { CaseId = answered.CaseId, Channel = InteractionChannel.Phone, Summary = "Called back at once" });
        var resolvedInTime = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync(), priority: 1);
        await _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = resolvedInTime.CaseId, Resolution = "Power cycled" });

        // P1: respond within 1 h, resolve within 4 h.
        _host.Clock.Advance(TimeSpan.FromMinutes(61));
        var response = await _host.Service.PublishedAsync("ServiceLevelBreached", Guid.Parse(unanswered.CaseId), version: 2);
        Assert.Equal("FirstResponse", response.Body.GetProperty("target").GetString());
        Assert.Equal(unanswered.RespondBy.ToDateTimeOffset(), response.Body.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("Priority1", response.Body.GetProperty("priority").GetString());

        _host.Clock.Advance(TimeSpan.FromHours(3));
        var resolution = await _host.Service.PublishedAsync("ServiceLevelBreached", Guid.Parse(unanswered.CaseId), version: 3);
        Assert.Equal("Resolution", resolution.Body.GetProperty("target").GetString());
        var answeredLate = await _host.Service.PublishedAsync("ServiceLevelBreached", Guid.Parse(answered.CaseId), version: 3);
        Assert.Equal("Resolution", answeredLate.Body.GetProperty("target").GetString());

        // A case opened now breaches in its turn: once its breach is out, later checks have run over the others.
        var marker = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync(), priority: 1);
        _host.Clock.Advance(TimeSpan.FromMinutes(61));
        await _host.Service.PublishedAsync("ServiceLevelBreached", Guid.Parse(marker.CaseId), version: 2);
        var breaches = (await _host.Service.EventsAsync()).Where(e => e.Type == "ServiceLevelBreached").ToList();
        Assert.Equal(2, breaches.Count(e => e.AggregateId == Guid.Parse(unanswered.CaseId)));
        Assert.Single(breaches, e => e.AggregateId == Guid.Parse(answered.CaseId));
        Assert.DoesNotContain(breaches, e => e.AggregateId == Guid.Parse(resolvedInTime.CaseId));
        Assert.Equal(3, (await _host.Client.GetCaseAsync(unanswered.CaseId)).Version);
    }
}
