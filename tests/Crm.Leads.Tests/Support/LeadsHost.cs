extern alias service;

using System.Globalization;
using Crm.Contracts;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using service::Crm.Leads;

namespace Crm.Leads.Tests.Support;

/// <summary>
/// The leads service as it runs in production (the same wiring as its Program.cs), in this process on free ports,
/// on a database and virtual host of its own for the test class; called through our gRPC client.
/// </summary>
public sealed class LeadsHost(CrmTestServers servers) : IAsyncLifetime
{
    /// <summary>One RPC made through the generated client with the given options: <c>(api, o) =&gt; api.GetLeadAsync(request, o)</c>.</summary>
    public delegate AsyncUnaryCall<TResponse> Rpc<TResponse>(Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient api, CallOptions options);

    /// <summary>Who calls, as the gateway forwards it until tokens come.</summary>
    public const string User = "ines.inside";

    private InProcessService? _service;
    private GrpcChannel? _channel;

    public TestResources Resources => Service.Resources;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    /// <summary>The generated client of <c>crm.leads.v1.LeadsHost</c>.</summary>
    public Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient Api { get; private set; } = null!;

    /// <summary>The service's own bus: publishing through it reaches the same exchanges other services publish to.</summary>
    public IBus Bus => Service.Services.GetRequiredService<IBus>();

    /// <summary>The generated client of the service's audit trail (<c>crm.audit.v1.AuditService</c>).</summary>
    public Crm.Audit.Grpc.V1.AuditService.AuditServiceClient Audit => new(Channel);

    /// <summary>The service's own services, for what runs with no call (its background work).</summary>
    public IServiceProvider Services => Service.Services;

    /// <summary>The service's "now", which a test moves on.</summary>
    public TestClock Clock => Service.Clock;

    private InProcessService Service => _service ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        // One message at a time: when a later event has been applied, every earlier one has been handled.
        _service = await InProcessService.StartAsync(
            await servers.IsolateAsync("leads"), CrmResources.Leads, b => b.AddLeadsService(), a => a.MapLeadsService(),
            "--Messaging:ConcurrentMessageLimit=1", "--Messaging:PrefetchCount=1");
        _channel = TestChannels.For(_service.GrpcAddress);
        Api = new Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient(_channel);
    }

    /// <summary>Calls an RPC as <see cref="User"/>; a status other than OK throws <see cref="RpcException"/>.</summary>
    public async Task<TResponse> CallAsync<TResponse>(Rpc<TResponse> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await call(Api, TestCalls.As(User, TimeSpan.FromSeconds(30)));
    }

    /// <summary>The status a call that must fail ends with.</summary>
    public async Task<Status> FailureAsync<TResponse>(Rpc<TResponse> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => CallAsync(call));
        return failure.Status;
    }

    /// <summary>
    /// Calls an RPC that must fail with <paramref name="code"/> and write nothing (no row, no version, no event);
    /// returns the status for the caller to check its message.
    /// </summary>
    public async Task<Status> RefusedAsync<TResponse>(Rpc<TResponse> call, StatusCode code)
    {
        var before = await SnapshotAsync();
        var status = await FailureAsync(call);
        Assert.True(status.StatusCode == code, $"expected {code}, got {status}");
        Assert.Equal(before, await SnapshotAsync());
        return status;
    }

    /// <summary>Bad input: INVALID_ARGUMENT whose message begins with <paramref name="field"/>, and nothing written.</summary>
    public async Task InvalidAsync<TResponse>(Rpc<TResponse> call, string field)
    {
        var status = await RefusedAsync(call, StatusCode.InvalidArgument);
        Assert.True(status.Detail.StartsWith(field + ": ", StringComparison.Ordinal), $"expected a message naming {field}, got \"{status.Detail}\"");
    }

    /// <summary>One number from the service's database.</summary>
    public Task<long> ScalarAsync(string sql, params object[] parameters) => Resources.ScalarAsync(sql, parameters);

    /// <summary>
    /// Everything a write could leave behind: rows and versions of every table, the outbox and the audit trail's
    /// records of writes (a refusal has its own record, of a denial, in the trail). Two equal snapshots
    /// mean nothing was written in between.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var counts = new List<long>();
        foreach (var sql in new[]
        {
            "SELECT count(*) FROM leads", "SELECT coalesce(sum(version), 0) FROM leads",
            "SELECT count(*) FROM campaigns", "SELECT coalesce(sum(version), 0) FROM campaigns",
            "SELECT count(*) FROM campaign_costs", "SELECT count(*) FROM outbox_messages",
            "SELECT count(*) FROM lead_imports", "SELECT count(*) FROM lead_import_rejections",
            "SELECT count(*) FROM audit_records WHERE outcome = 'Applied'",
        })
        {
            counts.Add(await ScalarAsync(sql));
        }

        return string.Join(',', counts);
    }

    /// <summary>The events of <typeparamref name="TEvent"/> that <paramref name="aggregateId"/>'s changes put in the outbox, in order.</summary>
    public Task<IReadOnlyList<TEvent>> EventsAsync<TEvent>(Guid aggregateId)
        where TEvent : class, IIntegrationEvent => Service.EventsAsync<TEvent>(aggregateId);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
