using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Crm.Grpc.Protocol;
using Crm.Grpc.Server;
using Google.Protobuf;

namespace Crm.Grpc.Client;

/// <summary>
/// Calls to one target (<c>http://host:port</c> for HTTP/2 cleartext, <c>https://</c> for TLS) over one pool of
/// HTTP/2 connections. Make one per target and keep it (<see cref="GrpcChannelPool"/> does); it is thread-safe.
/// A call that does not end OK throws <see cref="RpcException"/> with the status and trailers.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent = new("crm-grpc", "1.0");
    private readonly HttpMessageInvoker _invoker;
    private readonly GrpcChannelOptions _options;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        _options = options;
        // A handler the caller supplied stays the caller's to dispose.
        _invoker = new HttpMessageInvoker(options.Handler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        }, disposeHandler: options.Handler is null);
    }

    public Uri Address { get; }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>Calls a unary method and returns its response.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        (await CallAsync(method, request, options)).Response;

    /// <summary>Calls a unary method and returns its response with the response headers and trailers.</summary>
    public async Task<UnaryResult<TResponse>> CallAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        await using var call = await ClientCall.StartAsync(this, method.Service, method.Name, method.Path, request, options ?? new CallOptions());
        var response = await call.ReadAsync(GrpcMethod<TRequest, TResponse>.ResponseParser);
        if (response is null)
        {
            call.Fail(Status.Internal("the server ended the call without a response message"));
        }

        if (await call.ReadAsync(GrpcMethod<TRequest, TResponse>.ResponseParser) is not null)
        {
            call.Fail(Status.Internal("the server sent more than one response message to a unary call"));
        }

        var trailers = call.Finish();
        return new UnaryResult<TResponse>(response!, call.Headers, trailers);
    }

    /// <summary>Calls a server-streaming method; the responses arrive as they are sent.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var effective = options ?? new CallOptions();
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(effective.CancellationToken, cancellationToken) : null;
        if (linked is not null)
        {
            effective = effective with { CancellationToken = linked.Token };
        }

        await using var call = await ClientCall.StartAsync(this, method.Service, method.Name, method.Path, request, effective);
        while (await call.ReadAsync(GrpcMethod<TRequest, TResponse>.ResponseParser) is { } response)
        {
            yield return response;
        }

        call.Finish();
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>One call in flight: sends the request, reads frames, turns every failure into a status.</summary>
    private sealed class ClientCall : IAsyncDisposable
    {
        private readonly GrpcChannel _channel;
        private readonly string _service;
        private readonly string _method;
        private readonly CancellationTokenSource _deadline;
        private readonly CancellationToken _callerToken;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _activity;
        private HttpResponseMessage? _response;
        private PipeReader? _body;
        private ReadSettings _settings;
        private Status? _headerStatus;

        private ClientCall(GrpcChannel channel, string service, string method, CallOptions options)
        {
            _channel = channel;
            _service = service;
            _method = method;
            _callerToken = options.CancellationToken;
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
            Timeout = options.Timeout ?? channel._options.DefaultTimeout;
            if (GrpcTimeout.IsFinite(Timeout))
            {
                _deadline.CancelAfter(Timeout);
            }
            _activity = GrpcTelemetry.ActivitySource.StartActivity($"{service}/{method}", ActivityKind.Client);
            _activity?.SetTag("rpc.system", "grpc");
            _activity?.SetTag("rpc.service", service);
            _activity?.SetTag("rpc.method", method);
        }

        public Metadata Headers { get; private set; } = new();

        /// <summary>How long the caller waits; infinite (or beyond a timer's reach) sends no deadline.</summary>
        private TimeSpan Timeout { get; }

        public static async Task<ClientCall> StartAsync(GrpcChannel channel, string service, string method, string path, IMessage request, CallOptions options)
        {
            var call = new ClientCall(channel, service, method, options);
            try
            {
                await call.SendAsync(path, request, options);
                return call;
            }
            catch
            {
                await call.DisposeAsync();
                throw;
            }
        }

        public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser)
            where T : class, IMessage<T>
        {
            if (_body is null)
            {
                return null;
            }

            try
            {
                var (message, status) = await MessageFrames.ReadAsync(_body, parser, _settings, _deadline.Token);
                if (!status.IsOk)
                {
                    Fail(status);
                }

                return message;
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                Fail(Translate(ex));
                return null;
            }
        }

        /// <summary>Reads the status from the trailers; throws unless it is OK. Returns the trailing metadata.</summary>
        public Metadata Finish()
        {
            var trailers = _response!.TrailingHeaders;
            var status = _headerStatus ?? ReadStatus(trailers) ?? Status.Internal("the response ended without a grpc-status");
            var metadata = MetadataHeaders.Read(trailers.Select(h => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(h.Key, h.Value.ToArray())));
            if (!status.IsOk)
            {
                Fail(status, metadata);
            }

            Record(status);
            return metadata;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Fail(Status status, Metadata? trailers = null)
        {
            Record(status);
            throw new RpcException(status, trailers);
        }

        public async ValueTask DisposeAsync()
        {
            if (_body is not null)
            {
                await _body.CompleteAsync();
            }

            _response?.Dispose();
            _deadline.Dispose();
            _activity?.Dispose();
        }

        private async Task SendAsync(string path, IMessage request, CallOptions options)
        {
            var size = MessageFrames.FrameSize(request, _channel._options.MaxSendMessageSize)
                ?? throw new RpcException(Status.ResourceExhausted($"the request message exceeds the limit of {_channel._options.MaxSendMessageSize} bytes"));
            var frame = new System.Buffers.ArrayBufferWriter<byte>(size);
            MessageFrames.Write(frame, request, options.CompressRequest);
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, path))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ReadOnlyMemoryContent(frame.WrittenMemory),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
            message.Headers.TE.ParseAdd("trailers");
            message.Headers.UserAgent.Add(UserAgent);
            message.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
            if (GrpcTimeout.IsFinite(Timeout))
            {
                message.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(Timeout));
            }
            if (options.CompressRequest)
            {
                message.Headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
            }

            foreach (var entry in options.Headers ?? new Metadata())
            {
                message.Headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.Value(entry));
            }

            try
            {
                _response = await _channel._invoker.SendAsync(message, _deadline.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                Fail(Translate(ex));
            }

            await ReadHeadersAsync();
        }

        private async Task ReadHeadersAsync()
        {
            var response = _response!;
            var headers = response.Headers.Concat(response.Content.Headers)
                .Select(h => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(h.Key, h.Value.ToArray()))
                .ToList();
            var immediate = ReadStatus(response.Headers);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail(immediate ?? HttpStatusMapping.ToStatus(response.StatusCode));
            }

            if (ContentTypes.Parse(response.Content.Headers.ContentType?.MediaType) != WireProtocol.Grpc)
            {
                Fail(immediate ?? Status.Internal($"the response's content type '{response.Content.Headers.ContentType}' is not gRPC"));
            }

            Headers = MetadataHeaders.Read(headers);
            if (immediate is { } status)
            {
                // Trailers-only: the status came with the headers and no message follows.
                if (!status.IsOk)
                {
                    Fail(status, Headers);
                }

                _headerStatus = status;
                return;
            }

            var encoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
            _settings = new ReadSettings(_channel._options.MaxReceiveMessageSize, encoding);
            _body = PipeReader.Create(await response.Content.ReadAsStreamAsync(_deadline.Token));
        }

        private Status Translate(Exception exception) => exception switch
        {
            OperationCanceledException when _callerToken.IsCancellationRequested => new Status(StatusCode.Cancelled, "the call was cancelled"),
            OperationCanceledException => new Status(StatusCode.DeadlineExceeded, "the deadline passed before the server answered"),
            _ when Find<HttpProtocolException>(exception) is { } reset => FromReset(reset),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }
                => new Status(StatusCode.Unavailable, $"{_channel.Address} could not be reached: {exception.Message}"),
            _ => new Status(StatusCode.Unavailable, $"the connection to {_channel.Address} failed: {exception.Message}"),
        };

        // The server ended the stream with an HTTP/2 error code: map it as the gRPC spec says, so that a retry policy
        // never replays a call the server may already have run as if it had never arrived.
        private static Status FromReset(HttpProtocolException reset) => reset.ErrorCode switch
        {
            0x7 => new Status(StatusCode.Unavailable, "the server refused the stream before processing it"),
            0x8 => new Status(StatusCode.Cancelled, "the server cancelled the stream"),
            0xb => new Status(StatusCode.ResourceExhausted, "the server asked the client to slow down (ENHANCE_YOUR_CALM)"),
            0xc => new Status(StatusCode.PermissionDenied, "the transport was not secure enough (INADEQUATE_SECURITY)"),
            _ => new Status(StatusCode.Internal, $"the server reset the stream (HTTP/2 error {reset.ErrorCode})"),
        };

        private static T? Find<T>(Exception? exception)
            where T : Exception
        {
            for (; exception is not null; exception = exception.InnerException)
            {
                if (exception is T found)
                {
                    return found;
                }
            }

            return null;
        }

        private static Status? ReadStatus(HttpHeaders headers)
        {
            if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var codes) || !int.TryParse(codes.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }

            var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? messages.FirstOrDefault() : null;
            var known = Enum.IsDefined(typeof(StatusCode), code) ? (StatusCode)code : StatusCode.Unknown;
            return new Status(known, PercentEncoding.Decode(message));
        }

        private void Record(Status status)
        {
            _activity?.SetTag("rpc.grpc.status_code", (int)status.Code);
            if (!status.IsOk)
            {
                _activity?.SetStatus(ActivityStatusCode.Error, status.Detail);
            }

            if (GrpcTelemetry.ClientCalls.Enabled || GrpcTelemetry.ClientDuration.Enabled)
            {
                var tags = GrpcTelemetry.Tags(_service, _method, status.Code);
                GrpcTelemetry.ClientCalls.Add(1, tags);
                GrpcTelemetry.ClientDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
            }
        }
    }
}
