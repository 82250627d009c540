using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Crm.Grpc.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Server;

/// <summary>
/// Serves one RPC: checks the request's protocol, reads its message(s) within the limits, runs the handler with the
/// deadline and the client's cancellation, and writes the response and the status. Bad input never reaches the
/// handler, an exception in the handler becomes INTERNAL with nothing of its internals, and every outcome is a status.
/// </summary>
internal sealed class ServerMethod<TService, TRequest, TResponse>(
    MethodKind kind,
    string service,
    string method,
    Delegate handler,
    GrpcServerOptions options,
    GrpcCors cors,
    bool isStatic,
    ILogger logger) : IServerMethod
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());
    private static readonly ObjectFactory<TService> Factory = ActivatorUtilities.CreateFactory<TService>([]);
    private readonly string _path = $"/{service}/{method}";

    public string Path => _path;

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var format = ContentTypes.Parse(http.Request.ContentType);
        if (await CallGate.RejectAsync(http, format, kind is MethodKind.ClientStreaming or MethodKind.Duplex))
        {
            return;
        }

        cors.Apply(http);
        var encoding = http.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        var compress = options.ResponseCompression == GrpcProtocol.Gzip && CallGate.AcceptsGzip(http.Request);
        var timeout = GrpcTimeout.Parse(http.Request.Headers[GrpcProtocol.TimeoutHeader]);
        using var deadline = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline?.CancelAfter(timeout!.Value);
        var token = deadline?.Token ?? http.RequestAborted;
        var context = new CallContext(http, _path, timeout is null ? null : DateTimeOffset.UtcNow + timeout.Value, token);
        var writer = new ResponseWriter(http, format, context, compress, options.MaxSendMessageSize);
        context.Writer = writer;

        Status status;
        if (!MessageCompression.IsSupported(encoding.Length == 0 ? null : encoding))
        {
            status = new Status(StatusCode.Unimplemented, $"grpc-encoding '{encoding}' is not supported; use one of {GrpcProtocol.SupportedEncodings}");
        }
        else
        {
            status = await RunAsync(http, format, context, writer, new ReadSettings(options.MaxReceiveMessageSize, encoding.Length == 0 ? null : encoding));
        }

        if (status.IsOk && deadline is not null && deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // The handler finished after the client stopped waiting: its answer is of no use any more.
            status = new Status(StatusCode.DeadlineExceeded, "the deadline passed before the call completed");
        }

        await writer.CompleteAsync(status);
        CallGate.Record(http, service, method, status, started);
    }

    private async Task<Status> RunAsync(HttpContext http, WireProtocol format, CallContext context, ResponseWriter writer, ReadSettings settings)
    {
        TService? created = null;
        try
        {
            var input = format == WireProtocol.GrpcWebText
                ? await CallGate.DecodeTextBodyAsync(http, options.MaxReceiveMessageSize, context.CancellationToken)
                : http.Request.BodyReader;
            if (input is null)
            {
                return Status.ResourceExhausted($"the request body exceeds the limit of {options.MaxReceiveMessageSize} bytes");
            }

            // A static handler needs no object: save the lookup and the allocation on every call.
            var instance = isStatic ? null! : http.RequestServices.GetService<TService>() ?? (created = Factory(http.RequestServices, null));
            return kind switch
            {
                MethodKind.Unary => await UnaryAsync(instance, input, context, writer, settings),
                MethodKind.ServerStreaming => await ServerStreamingAsync(instance, input, context, writer, settings),
                MethodKind.ClientStreaming => await ClientStreamingAsync(instance, input, context, writer, settings),
                _ => await DuplexAsync(instance, input, context, writer, settings),
            };
        }
        catch (RpcException ex)
        {
            foreach (var entry in ex.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }

            return ex.Status;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return http.RequestAborted.IsCancellationRequested
                ? new Status(StatusCode.Cancelled, "the client cancelled the call")
                : new Status(StatusCode.DeadlineExceeded, "the deadline passed before the call completed");
        }
        catch (IOException)
        {
            // Kestrel's body pipe throws when the client resets the stream, sometimes before RequestAborted fires.
            return new Status(StatusCode.Cancelled, "the client reset the call");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            GrpcServerLog.HandlerFailed(logger, ex, _path, Activity.Current?.TraceId.ToString() ?? "none");
            return Status.Internal("the server failed to handle the call; it has been logged");
        }
        finally
        {
            (created as IDisposable)?.Dispose();
        }
    }

    private async Task<Status> UnaryAsync(TService instance, PipeReader input, CallContext context, ResponseWriter writer, ReadSettings settings)
    {
        var (request, status) = await ReadSingleAsync(input, settings, context.CancellationToken);
        if (request is null)
        {
            return status;
        }

        var result = await ((Func<TService, TRequest, CallContext, ValueTask<GrpcResult<TResponse>>>)handler)(instance, request, context);
        return result.IsOk ? await writer.WriteAsync(result.Value!, flush: false, context.CancellationToken) : result.Status;
    }

    private async Task<Status> ServerStreamingAsync(TService instance, PipeReader input, CallContext context, ResponseWriter writer, ReadSettings settings)
    {
        var (request, status) = await ReadSingleAsync(input, settings, context.CancellationToken);
        if (request is null)
        {
            return status;
        }

        var responses = ((Func<TService, TRequest, CallContext, IAsyncEnumerable<TResponse>>)handler)(instance, request, context);
        return await WriteAllAsync(responses, context, writer);
    }

    private async Task<Status> ClientStreamingAsync(TService instance, PipeReader input, CallContext context, ResponseWriter writer, ReadSettings settings)
    {
        var requests = ReadAllAsync(input, settings, context.CancellationToken);
        var result = await ((Func<TService, IAsyncEnumerable<TRequest>, CallContext, ValueTask<GrpcResult<TResponse>>>)handler)(instance, requests, context);
        return result.IsOk ? await writer.WriteAsync(result.Value!, flush: false, context.CancellationToken) : result.Status;
    }

    private async Task<Status> DuplexAsync(TService instance, PipeReader input, CallContext context, ResponseWriter writer, ReadSettings settings)
    {
        var requests = ReadAllAsync(input, settings, context.CancellationToken);
        var responses = ((Func<TService, IAsyncEnumerable<TRequest>, CallContext, IAsyncEnumerable<TResponse>>)handler)(instance, requests, context);
        return await WriteAllAsync(responses, context, writer);
    }

    private static async Task<Status> WriteAllAsync(IAsyncEnumerable<TResponse> responses, CallContext context, ResponseWriter writer)
    {
        await foreach (var response in responses.WithCancellation(context.CancellationToken))
        {
            var written = await writer.WriteAsync(response, flush: true, context.CancellationToken);
            if (!written.IsOk)
            {
                return written;
            }
        }

        return Status.Ok;
    }

    /// <summary>Exactly one message, then the end of the stream.</summary>
    private static async ValueTask<(TRequest? Request, Status Status)> ReadSingleAsync(PipeReader input, ReadSettings settings, CancellationToken cancellationToken)
    {
        var (request, status) = await MessageFrames.ReadAsync(input, Parser, settings, cancellationToken);
        if (request is null)
        {
            return (null, status.IsOk ? Status.Internal("the request carries no message") : status);
        }

        var (extra, end) = await MessageFrames.ReadAsync(input, Parser, settings, cancellationToken);
        if (extra is not null)
        {
            return (null, Status.Internal("this method takes exactly one request message"));
        }

        return end.IsOk ? (request, Status.Ok) : (null, end);
    }

    private static async IAsyncEnumerable<TRequest> ReadAllAsync(PipeReader input, ReadSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var (request, status) = await MessageFrames.ReadAsync(input, Parser, settings, cancellationToken);
            if (request is null)
            {
                if (!status.IsOk)
                {
                    throw new RpcException(status);
                }

                yield break;
            }

            yield return request;
        }
    }
}
