using Crm.Grpc.Server;
using Crm.Grpc.Tests.V1;
using Google.Protobuf.Reflection;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>Handlers of the test service: each makes one part of the protocol observable.</summary>
public sealed class EchoApi(CancellationRecord cancellations) : IGrpcService
{
    public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

    public static Task<GrpcResult<EchoReply>> Echo(EchoRequest request, CallContext context)
    {
        var reply = new EchoReply { Text = request.Text, Payload = request.Payload };
        foreach (var entry in context.RequestHeaders)
        {
            reply.Metadata[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes!) : entry.Value!;
        }

        context.ResponseHeaders.Add("x-echo-header", "header-value");
        context.ResponseTrailers.Add("x-echo-trailer", "trailer-value");
        context.ResponseTrailers.Add("x-echo-trailer-bin", [0, 1, 2, 253, 254, 255]);
        return Task.FromResult<GrpcResult<EchoReply>>(reply);
    }

    public static async IAsyncEnumerable<EchoReply> Count(CountRequest request, CallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await Task.Yield();
            yield return new EchoReply { Index = i, Text = $"reply {i}" };
        }
    }

    public static Task<GrpcResult<EchoReply>> Fail(FailRequest request, CallContext context)
    {
        context.ResponseTrailers.Add("x-failure-reason", "asked-for");
        return Task.FromResult<GrpcResult<EchoReply>>(new Status((StatusCode)request.Code, request.Message));
    }

    public async Task<GrpcResult<EchoReply>> Wait(WaitRequest request, CallContext context)
    {
        cancellations.Record(request.Key, "waiting");
        context.ResponseHeaders.Add("x-waiting", request.Key);
        await context.WriteResponseHeadersAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            var outcome = context.HttpContext.RequestAborted.IsCancellationRequested ? "cancelled" : "deadline";
            cancellations.Record(request.Key, outcome);
            throw;
        }

        return new EchoReply();
    }

    public async IAsyncEnumerable<EchoReply> Hold(WaitRequest request, CallContext context)
    {
        cancellations.Record(request.Key, "waiting");
        yield return new EchoReply { Text = "holding" };
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancellations.Record(request.Key, context.HttpContext.RequestAborted.IsCancellationRequested ? "cancelled" : "deadline");
            throw;
        }
    }

    public static Task<GrpcResult<EchoReply>> Crash(EchoRequest request, CallContext context) =>
        throw new InvalidOperationException("secret internal detail: connection string Password=hunter2");

    public static async Task<GrpcResult<EchoReply>> Collect(IAsyncEnumerable<EchoRequest> requests, CallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Index = texts.Count };
    }

    public static async IAsyncEnumerable<EchoReply> Chat(IAsyncEnumerable<EchoRequest> requests, CallContext context)
    {
        var index = 0;
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            yield return new EchoReply { Text = request.Text, Index = index++ };
        }
    }
}
