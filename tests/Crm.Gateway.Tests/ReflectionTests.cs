using System.Collections.Concurrent;
using System.Text.Json;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ReflectionV1 = Grpc.Reflection.V1.ReflectionReflection;

namespace Crm.Gateway.Tests;

/// <summary>Reflection at the gateway, read by an independent client (grpc-js): it lists every forwarded API.</summary>
public sealed class ReflectionTests
{
    [Fact]
    public async Task The_gateway_lists_its_own_API_and_every_API_it_forwards()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri>(), TimeSpan.FromSeconds(2));
        var root = RepositoryLayout.Find().Root;
        var descriptors = Path.Combine(Path.GetTempPath(), $"crm-reflection-{Environment.ProcessId}.binpb");
        await File.WriteAllBytesAsync(
            descriptors,
            new FileDescriptorSet { File = { FileDescriptorProto.Parser.ParseFrom(ReflectionV1.Descriptor.SerializedData) } }.ToByteArray(),
            TestContext.Current.CancellationToken);
        var lines = new ConcurrentQueue<string>();
        await using (var client = ChildProcess.Start(
            new ChildProcessSpec("reflection", "node", ["reflection-client.mjs", gateway.Address.Authority, descriptors, "crm.leads.v1.LeadsService.CaptureLead"], WorkingDirectory: Path.Combine(root, "tests", "interop"),
                Environment: new Dictionary<string, string?>(StringComparer.Ordinal) { ["CRM_TOKEN"] = TestIssuer.Default.TokenFor(TestCalls.DefaultUser) }),
            lines.Enqueue))
        {
            await client.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(client.ExitCode == 0, string.Join(Environment.NewLine, lines));
        }

        File.Delete(descriptors);

        using var answer = JsonDocument.Parse(lines.Last(l => l.StartsWith('{')));
        var services = answer.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        foreach (var api in new[] { "crm.gateway.v1.CustomerViewService", "crm.leads.v1.LeadsService", "crm.opportunities.v1.OpportunitiesService", "crm.forecasts.v1.ForecastsService", "crm.orders.v1.OrdersService", "crm.support.v1.SupportService" })
        {
            Assert.Contains(api, services, StringComparer.Ordinal);
        }

        var declares = answer.RootElement.GetProperty("declares").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("crm.leads.v1.CaptureLeadRequest", declares, StringComparer.Ordinal);
    }
}
