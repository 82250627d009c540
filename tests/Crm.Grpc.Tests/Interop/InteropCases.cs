using System.Text.Json;
using Crm.Grpc.Tests.EchoService;
using CrmPlatform.LocalServers;

namespace Crm.Grpc.Tests.Interop;

/// <summary>What every independent client must have observed: the same answers any gRPC server would give.</summary>
internal static class InteropCases
{
    public const string UnicodeMessage = "credit hold: no new orders — überfällig 100%";
    private const int Limit = 4 * 1024 * 1024;

    public static async Task AssertAllAsync(JsonElement results, EchoServer server)
    {
        var unary = Case(results, "unary");
        Assert.Equal("hello", unary.GetProperty("text").GetString());
        Assert.Equal("header-value", unary.GetProperty("header").GetString());
        Assert.Equal("trailer-value", unary.GetProperty("trailer").GetString());
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, Base64(unary.GetProperty("trailerBin").GetString()!));
        Assert.Equal("acme", unary.GetProperty("echoedTenant").GetString());
        Assert.Equal(new byte[] { 9, 8, 7, 0, 255 }, Base64(unary.GetProperty("echoedBin").GetString()!));

        Assert.Equal(Enumerable.Range(0, 20), Case(results, "stream").GetProperty("indexes").EnumerateArray().Select(i => i.GetInt32()));

        var status = Case(results, "status");
        Assert.Equal(9, status.GetProperty("code").GetInt32());
        Assert.Equal(UnicodeMessage, status.GetProperty("message").GetString());
        Assert.Equal("asked-for", status.GetProperty("trailer").GetString());
        Assert.Equal(5, Case(results, "notFound").GetProperty("code").GetInt32());

        Assert.Equal(4, Case(results, "deadline").GetProperty("code").GetInt32());
        Assert.Equal(100_000, Case(results, "gzip").GetProperty("length").GetInt32());
        Assert.Equal(Limit - 1024, Case(results, "underLimit").GetProperty("length").GetInt32());
        Assert.Equal(8, Case(results, "overLimit").GetProperty("code").GetInt32());
        Assert.Equal(12, Case(results, "unimplemented").GetProperty("code").GetInt32());

        var cancel = Case(results, "cancel");
        Assert.Equal(1, cancel.GetProperty("code").GetInt32());
        var key = cancel.GetProperty("key").GetString()!;
        var seen = await Poll.UntilAsync(() => server.Cancellations.Outcome(key) == "cancelled", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(seen, $"the handler saw '{server.Cancellations.Outcome(key)}' for {key}, not a cancellation");
    }

    private static JsonElement Case(JsonElement results, string name)
    {
        var value = results.GetProperty(name);
        Assert.False(value.ValueKind == JsonValueKind.Object && value.TryGetProperty("error", out var error), $"{name}: {(value.TryGetProperty("error", out error) ? error.GetString() : string.Empty)}");
        return value;
    }

    // Senders may leave out the padding of -bin values.
    private static byte[] Base64(string value) => Convert.FromBase64String(value.PadRight((value.Length + 3) / 4 * 4, '='));
}
