using System.Text;
using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Crm.Testing;

/// <summary>
/// Calls every method of an API as every role and with every kind of bad token, and checks each answer: a bad token
/// is UNAUTHENTICATED, a role that <see cref="MethodAccess"/> does not let in is PERMISSION_DENIED, and a role it lets
/// in gets past both (its empty request then gets whatever the method answers, INVALID_ARGUMENT mostly).
/// </summary>
public static class AccessMatrix
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Tokens that must never let a call in.</summary>
    public static IReadOnlyDictionary<string, string?> BadTokens { get; } = MakeBadTokens();

    /// <summary>Runs the matrix straight at a service's own port, the service started in-process as its tests start it.</summary>
    public static async Task AssertAtServiceAsync(
        CrmTestServers servers, CrmService service, Action<WebApplicationBuilder> add, Action<WebApplication> map, ServiceDescriptor api)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(service);
        await using var host = await InProcessService.StartAsync(await servers.IsolateAsync($"{service.Name}_access"), service, add, map);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        await AssertAsync(channel.CreateCallInvoker(), api);
    }

    /// <summary>Runs the matrix over <paramref name="services"/> through <paramref name="invoker"/>; fails listing every wrong answer.</summary>
    public static async Task AssertAsync(CallInvoker invoker, params ServiceDescriptor[] services)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        var wrong = new List<string>();
        foreach (var method in services.SelectMany(s => s.Methods).Where(m => !m.IsClientStreaming && !m.IsServerStreaming))
        {
            var path = $"/{method.Service.FullName}/{method.Name}";
            foreach (var (kind, token) in BadTokens)
            {
                var status = await CallAsync(invoker, method, token);
                if (status != StatusCode.Unauthenticated)
                {
                    wrong.Add($"{path} with {kind}: {status}, expected Unauthenticated");
                }
            }

            foreach (var role in CrmRoles.All)
            {
                var allowed = role == CrmRoles.Administrator || MethodAccess.RolesFor(path).Contains(role, StringComparer.Ordinal);
                var status = await CallAsync(invoker, method, TestIssuer.Default.TokenFor($"matrix-{role}", role));
                if (allowed ? status is StatusCode.PermissionDenied or StatusCode.Unauthenticated : status != StatusCode.PermissionDenied)
                {
                    wrong.Add($"{path} as {role}: {status}, expected {(allowed ? "to get in" : "PermissionDenied")}");
                }
            }
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{wrong.Count} wrong answers:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        }
    }

    private static async Task<StatusCode> CallAsync(CallInvoker invoker, MethodDescriptor method, string? token)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Bytes, Bytes);
        try
        {
            await invoker.AsyncUnaryCall(call, null, TestCalls.WithToken(token, TimeSpan.FromSeconds(20)), []);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static Dictionary<string, string?> MakeBadTokens()
    {
        var issuer = TestIssuer.Default;
        var valid = issuer.TokenFor("mallory");
        var parts = valid.Split('.');
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Another issuer's key signing a token that claims to come from the trusted issuer.
        var stranger = Task.Run(() => TestIssuer.StartAsync()).GetAwaiter().GetResult();
        var forged = stranger.Token("mallory", [CrmRoles.Administrator], DateTime.UtcNow.AddMinutes(30)).Split('.');
        var claimsOfTrusted = parts[1];
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["no token"] = null,
            ["garbage"] = "garbage",
            ["an expired token"] = issuer.ExpiredTokenFor("mallory", TimeSpan.FromMinutes(10)),
            ["a token for another audience"] = issuer.Token("mallory", [CrmRoles.Administrator], DateTime.UtcNow.AddMinutes(30), audience: "another-api"),
            ["a token from another issuer"] = stranger.TokenFor("mallory"),
            ["alg none"] = $"{Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{claimsOfTrusted}.",
            ["a forged signature"] = $"{forged[0]}.{claimsOfTrusted}.{forged[2]}",
        };
    }
}
