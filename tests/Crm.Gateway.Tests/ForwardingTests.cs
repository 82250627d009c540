using Crm.Testing;
using System.Globalization;
using Crm.Grpc;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Tests;

/// <summary>The gateway forwards each service's API: bytes, metadata, trailers, statuses, and the deadline.</summary>
public sealed class ForwardingTests
{
    private const string GetLeadPath = "/crm.leads.v1.LeadsService/GetLead";

    [Fact]
    public async Task A_call_reaches_its_service_with_metadata_and_comes_back_with_headers_and_trailers()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Echo() });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        using var call = new LeadsService.LeadsServiceClient(channel).GetLeadAsync(
            new GetLeadRequest { LeadId = "lead-42" }, new Metadata { { "x-tenant", "acme" } }, DateTime.UtcNow.AddSeconds(20), TestContext.Current.CancellationToken);

        // The stub echoes the request bytes, which read as a Lead with the same first field.
        Assert.Equal("lead-42", (await call).LeadId);
        Assert.Equal("stub", (await call.ResponseHeadersAsync).GetValue("x-downstream"));
        Assert.Equal("done", call.GetTrailers().GetValue("x-downstream-trailer"));
        var seen = stubs.Requests[GetLeadPath];
        Assert.Equal("acme", seen["x-tenant"].ToString());
        var deadline = GrpcTimeout.Parse(seen["grpc-timeout"]);
        Assert.True(deadline is { } d && d <= TimeSpan.FromSeconds(20) && d > TimeSpan.FromSeconds(10), $"the service saw grpc-timeout {seen["grpc-timeout"]}");
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_gateways_own()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Echo() });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        await GetLeadAsync(channel, new GetLeadRequest { LeadId = "x" }, Timeout.InfiniteTimeSpan);

        var deadline = GrpcTimeout.Parse(stubs.Requests[GetLeadPath]["grpc-timeout"]);
        Assert.True(deadline is { } d && d <= TimeSpan.FromSeconds(30) && d > TimeSpan.FromSeconds(20), $"the service saw {deadline}");
    }

    [Fact]
    public async Task A_status_from_the_service_reaches_the_caller_unchanged()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Fail(5, "lead lead-7 does not exist") });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        var failure = await Assert.ThrowsAsync<RpcException>(() => GetLeadAsync(channel, new GetLeadRequest { LeadId = "lead-7" }, TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("lead lead-7 does not exist", failure.Status.Detail);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_gets_less_time_than_the_gateway_which_answers_DEADLINE_EXCEEDED_naming_it_before_the_caller_gives_up()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Hang() });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        // A 10 s deadline: the gateway gives up after 9 s, 1 s before the caller, and gives the service a tenth less than
        // itself. The caller's own timeout would say "before the server answered" and name no service.
        var failure = await Assert.ThrowsAsync<RpcException>(() => GetLeadAsync(channel, new GetLeadRequest { LeadId = "x" }, TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Contains(GetLeadPath, failure.Status.Detail, StringComparison.Ordinal);
        var deadline = GrpcTimeout.Parse(stubs.Requests[GetLeadPath]["grpc-timeout"]);
        Assert.True(deadline is { } d && d <= TimeSpan.FromSeconds(8.1) && d > TimeSpan.FromSeconds(6), $"the service saw {deadline}");
    }

    [Fact]
    public async Task A_service_that_resets_the_call_when_its_deadline_passes_is_DEADLINE_EXCEEDED_not_UNAVAILABLE()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.ResetAtDeadline() });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        // The service gives up at its own deadline (8.1 s of the caller's 10), before the gateway's (9 s): what failed is
        // the deadline, not the network, and the gateway says so a second before the caller would give up on its own.
        var failure = await Assert.ThrowsAsync<RpcException>(() => GetLeadAsync(channel, new GetLeadRequest { LeadId = "x" }, TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Contains("leads", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_UNAVAILABLE()
    {
        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<CrmService, Uri> { [CrmResources.Leads] = new($"http://127.0.0.1:{Ports.Free()}") }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        var failure = await Assert.ThrowsAsync<RpcException>(() => GetLeadAsync(channel, new GetLeadRequest(), TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains(GetLeadPath, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_not_configured_is_UNAVAILABLE_naming_it()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri>(), TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        var failure = await Assert.ThrowsAsync<RpcException>(() => GetLeadAsync(channel, new GetLeadRequest(), TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("services__leads__grpc__0", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_larger_than_any_request_body_streams_through_without_a_deadline_of_the_gateways()
    {
        const string ImportPath = "/crm.leads.v1.LeadsService/ImportLeads";
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal)
        {
            [ImportPath] = StubServices.Count(bytes => new LeadImport { RowsRead = bytes, Status = ImportStatus.Completed }),
        });
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address }, TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);
        var header = new ImportLeadsRequest { Header = new ImportHeader { Source = Crm.Common.Grpc.V1.LeadSource.PurchasedList, FileName = "big.csv" } };
        var chunk = new ImportLeadsRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(new byte[1024 * 1024]) };

        // 40 chunks of 1 MiB: more than Kestrel lets a request body be (30 MB) unless the call is a stream, and with no
        // deadline, as a long import is sent.
        using var call = new LeadsService.LeadsServiceClient(channel).ImportLeads(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(header, TestContext.Current.CancellationToken);
        for (var i = 0; i < 40; i++)
        {
            await call.RequestStream.WriteAsync(chunk, TestContext.Current.CancellationToken);
        }

        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(5 + header.CalculateSize() + (40 * (5 + chunk.CalculateSize())), call.ResponseStream.Current.RowsRead);
        Assert.False(stubs.Requests[ImportPath].ContainsKey(GrpcTimeout.Header));
    }

    /// <summary>GetLead through the gateway with <paramref name="timeout"/> (infinite: no deadline).</summary>
    private static async Task<Lead> GetLeadAsync(GrpcChannel channel, GetLeadRequest request, TimeSpan timeout) =>
        await new LeadsService.LeadsServiceClient(channel).GetLeadAsync(
            request, deadline: timeout == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + timeout, cancellationToken: TestContext.Current.CancellationToken);
}
