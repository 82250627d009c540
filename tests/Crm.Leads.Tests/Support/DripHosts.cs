extern alias service;

using Crm.Leads.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using service::Crm.Leads;
using service::Crm.Leads.Features.Cadences;

namespace Crm.Leads.Tests.Support;

/// <summary>
/// Two replicas of the leads service on one database (one scheduler cluster), sending e-mail to an SMTP sink of their
/// own, with their clocks moved together. Their schedulers sweep once at start and then hourly, so that a test's
/// sweeps are its own (<see cref="SweepBothAsync"/>), unless it asks the scheduler (<see cref="TriggerSweepAsync"/>).
/// </summary>
public sealed class DripHosts(CrmTestServers servers) : IAsyncLifetime
{
    /// <summary>The opt-out page's public address as the e-mails give it; tests call replica A's in its place.</summary>
    public static readonly Uri OptOutAddress = new("https://crm.example.com/opt-out/");

    private readonly List<InProcessService> _replicas = [];
    private TestResources? _resources;
    private GrpcChannel? _channel;
    private SmtpSink? _sink;

    public SmtpSink Sink => _sink ?? throw new InvalidOperationException("not started");

    public InProcessService A => _replicas[0];

    public InProcessService B => _replicas[1];

    /// <summary>The API of replica A.</summary>
    public LeadsService.LeadsServiceClient Api { get; private set; } = null!;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        _resources = await servers.IsolateAsync("drip");
        _sink = await SmtpSink.StartAsync(Path.Combine(servers.Root, $"mail-{Guid.NewGuid():N}"), Ports.Free(), TestContext.Current.CancellationToken);
        _replicas.Add(await StartReplicaAsync());
        _replicas.Add(await StartReplicaAsync());

        _channel = TestChannels.For(A.GrpcAddress);
        Api = new LeadsService.LeadsServiceClient(_channel);
    }

    /// <summary>One more replica on the same database and sink; the caller stops it.</summary>
    public Task<InProcessService> StartReplicaAsync() => InProcessService.StartAsync(
        _resources ?? throw new InvalidOperationException("not started"), CrmResources.Leads, b => b.AddLeadsService(), a => a.MapLeadsService(),
        $"--Drip:Smtp={Sink.Address}", "--Drip:SweepInterval=01:00:00", $"--Drip:OptOutAddress={OptOutAddress}");

    /// <summary>Calls replica A as marketing and Inside Sales (an administrator).</summary>
    public async Task<TResponse> CallAsync<TResponse>(LeadsHost.Rpc<TResponse> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await call(Api, TestCalls.As("maria", TimeSpan.FromSeconds(30)));
    }

    /// <summary>Moves both replicas' clocks on.</summary>
    public void Advance(TimeSpan by)
    {
        A.Clock.Advance(by);
        B.Clock.Advance(by);
    }

    /// <summary>One sweep on each replica at the same time, as their schedulers would run them; the steps they ran.</summary>
    public async Task<int> SweepBothAsync()
    {
        var ran = await Task.WhenAll(SweepAsync(A), SweepAsync(B));
        return ran.Sum();
    }

    /// <summary>Asks replica A's scheduler to run the sweep job now; the cluster runs it on either replica.</summary>
    public async Task TriggerSweepAsync()
    {
        var scheduler = await A.Services.GetRequiredKeyedService<ISchedulerFactory>(DripExtensions.Scheduler).GetScheduler(TestContext.Current.CancellationToken);
        await scheduler.TriggerJob(DripSweepJob.Key, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }

    private static async Task<int> SweepAsync(InProcessService replica)
    {
        await using var scope = replica.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DripSweeper>().RunOnceAsync(TestContext.Current.CancellationToken);
    }
}
