using System.Text;
using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Npgsql;
using Xunit;

namespace Crm.Testing;

/// <summary>
/// Calls every method of an API as every role and with every kind of bad token, and checks each answer: a bad token
/// is UNAUTHENTICATED, a role that <see cref="MethodAccess"/> does not let in is PERMISSION_DENIED, and a role it lets
/// in gets past both (its empty request then gets whatever the method answers, INVALID_ARGUMENT mostly). At a
/// service, every refusal must also be in the service's audit trail, with who, what and why, and no token.
/// </summary>
public static class AccessMatrix
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Tokens that must never let a call in.</summary>
    public static IReadOnlyDictionary<string, string?> BadTokens { get; } = MakeBadTokens();

    /// <summary>Runs the matrix straight at a service's own port (its API and its audit trail's), the service started
    /// in-process as its tests start it, then checks that its audit trail holds each refusal.</summary>
    public static async Task AssertAtServiceAsync(
        CrmTestServers servers, CrmService service, Action<WebApplicationBuilder> add, Action<WebApplication> map, ServiceDescriptor api)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(service);
        await using var host = await InProcessService.StartAsync(await servers.IsolateAsync($"{service.Name}_access"), service, add, map);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var refusals = await AssertAsync(channel.CreateCallInvoker(), api, Crm.Audit.Grpc.V1.AuditReflection.Descriptor.Services[0], Crm.Privacy.Grpc.V1.PrivacyReflection.Descriptor.Services[0]);
        await AssertAuditedAsync(host, refusals);
    }

    /// <summary>
    /// Runs the matrix over <paramref name="services"/> through <paramref name="invoker"/>; fails listing every wrong
    /// answer, and returns the refusals made: how many of each (method, actor, outcome) the trail must hold.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Action, string Actor, string Outcome), int>> AssertAsync(CallInvoker invoker, params ServiceDescriptor[] services)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        var wrong = new List<string>();
        var refusals = new Dictionary<(string Action, string Actor, string Outcome), int>();
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

                var key = (path, "anonymous", "Unauthenticated");
                refusals[key] = refusals.GetValueOrDefault(key) + 1;
            }

            foreach (var role in CrmRoles.All)
            {
                var allowed = role == CrmRoles.Administrator || MethodAccess.RolesFor(path).Contains(role, StringComparer.Ordinal);
                var status = await CallAsync(invoker, method, TestIssuer.Default.TokenFor($"matrix-{role}", role));
                if (allowed ? status is StatusCode.PermissionDenied or StatusCode.Unauthenticated : status != StatusCode.PermissionDenied)
                {
                    wrong.Add($"{path} as {role}: {status}, expected {(allowed ? "to get in" : "PermissionDenied")}");
                }

                if (!allowed)
                {
                    refusals[(path, $"matrix-{role}", "Denied")] = 1;
                }
            }
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{wrong.Count} wrong answers:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        }

        return refusals;
    }

    /// <summary>The service's trail holds exactly the refusals made, each with a reason, and no token anywhere.</summary>
    private static async Task AssertAuditedAsync(InProcessService host, IReadOnlyDictionary<(string Action, string Actor, string Outcome), int> refusals)
    {
        var recorded = new Dictionary<(string Action, string Actor, string Outcome), int>();
        await using var connection = new NpgsqlConnection(host.Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var command = new NpgsqlCommand(
            "SELECT action, actor, outcome, count(*) FROM audit_records WHERE outcome <> 'Applied' AND detail <> '' AND peer <> '' GROUP BY 1, 2, 3", connection))
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                recorded[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (int)reader.GetInt64(3);
            }
        }

        var wrong = refusals.Where(r => recorded.GetValueOrDefault(r.Key) != r.Value)
            .Select(r => $"{r.Key}: {recorded.GetValueOrDefault(r.Key)} records, expected {r.Value}")
            .Concat(recorded.Keys.Except(refusals.Keys).Select(k => $"{k}: recorded, and no such refusal was made"))
            .ToList();
        if (await host.CountAsync("SELECT 1 FROM audit_records WHERE concat(actor, detail, peer, target) LIKE '%eyJ%'") > 0)
        {
            wrong.Add("a record holds a token");
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{wrong.Count} refusals not audited as made:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
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
