using Crm.Grpc.Tests.V1;
using Grpc.Core;
using EchoServiceBase = Crm.Grpc.Tests.V1.EchoService.EchoServiceBase;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>Handlers of the test service on grpc-dotnet: each makes one part of the protocol observable.</summary>
public sealed class EchoApi(CancellationRecord cancellations) : EchoServiceBase
{
    private static readonly byte[] TrailerBytes = [0, 1, 2, 253, 254, 255];

    public override async Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reply = new EchoReply { Text = request.Text, Payload = request.Payload };

        // Only the custom entries: echoing transport headers (user-agent, content-length) would make the reply's size
        // depend on the client, and the size tests sit a few bytes under the 4 MiB limit.
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            reply.Metadata[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }

        await context.WriteResponseHeadersAsync(new Metadata { { "x-echo-header", "header-value" } });
        context.ResponseTrailers.Add("x-echo-trailer", "trailer-value");
        context.ResponseTrailers.Add("x-echo-trailer-bin", TrailerBytes);
        return reply;
    }

    public override async Task Count(CountRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoReply { Index = i, Text = $"reply {i}" }, context.CancellationToken);
        }
    }

    /// <summary>As the services answer: the outcome is a <see cref="GrpcResult{TResponse}"/>, and <c>Answer()</c> makes
    /// the status the call's, with the trailers set on the context.</summary>
    public override Task<EchoReply> Fail(FailRequest request, ServerCallContext context) => FailAsync(request, context).Answer();

    public override async Task<EchoReply> Wait(WaitRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        cancellations.Record(request.Key, "waiting");

        // Headers first, so that a client knows the handler is running before it cancels.
        await context.WriteResponseHeadersAsync(new Metadata { { "x-waiting", request.Key } });
        await WaitForTheEndAsync(request.Key, context);
        return new EchoReply();
    }

    public override async Task Hold(WaitRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        cancellations.Record(request.Key, "waiting");
        await responseStream.WriteAsync(new EchoReply { Text = "holding" }, context.CancellationToken);
        await WaitForTheEndAsync(request.Key, context);
    }

    public override Task<EchoReply> Crash(EchoRequest request, ServerCallContext context) =>
        throw new InvalidOperationException("secret internal detail: connection string Password=hunter2");

    public override async Task<EchoReply> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var texts = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Index = texts.Count };
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoReply { Text = request.Text, Index = index++ }, context.CancellationToken);
        }
    }

    private static Task<GrpcResult<EchoReply>> FailAsync(FailRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        context.ResponseTrailers.Add("x-failure-reason", "asked-for");
        return Task.FromResult<GrpcResult<EchoReply>>(new Status((StatusCode)request.Code, request.Message));
    }

    /// <summary>Waits until the call ends and records how: the client went away (cancelled) or the deadline passed.
    /// grpc-dotnet ends a call at its deadline without aborting the request, so only a client's cancellation aborts it.</summary>
    private async Task WaitForTheEndAsync(string key, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancellations.Record(key, context.GetHttpContext().RequestAborted.IsCancellationRequested ? "cancelled" : "deadline");
            throw;
        }
    }
}
