using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Crm.Grpc.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Grpc.Server;

/// <summary>
/// Writes one call's response in the request's flavour: gRPC (status in HTTP/2 trailers, or in the headers when no
/// message was sent: "trailers-only"), gRPC-Web (status in a final body frame) or gRPC-Web text (all in base64).
/// </summary>
internal sealed class ResponseWriter
{
    private readonly HttpContext _http;
    private readonly WireProtocol _format;
    private readonly CallContext _context;
    private readonly bool _compress;
    private readonly int _maxSendSize;
    private readonly PipeWriter _body;
    private readonly ArrayBufferWriter<byte>? _text;
    private readonly IBufferWriter<byte> _target;
    private bool _started;

    // The status codes as header values, made once rather than on every call.
    private static readonly string[] StatusText = [.. Enumerable.Range(0, 17).Select(c => c.ToString(CultureInfo.InvariantCulture))];

    public ResponseWriter(HttpContext http, WireProtocol format, CallContext context, bool compress, int maxSendSize)
    {
        _http = http;
        _format = format;
        _context = context;
        _compress = compress;
        _maxSendSize = maxSendSize;
        _body = http.Response.BodyWriter;

        // Text mode collects frames and encodes them to base64 at each flush.
        _text = format == WireProtocol.GrpcWebText ? new ArrayBufferWriter<byte>() : null;
        _target = _text ?? (IBufferWriter<byte>)_body;
    }

    /// <summary>True once a message went out: the status then goes in trailers.</summary>
    public bool HasMessages { get; private set; }

    /// <summary>Writes a message; false (and nothing written) when it is larger than the send limit.</summary>
    public async ValueTask<Status> WriteAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        if (MessageFrames.FrameSize(message, _maxSendSize) is null)
        {
            return Status.ResourceExhausted($"the response message exceeds the limit of {_maxSendSize} bytes");
        }

        Start();
        MessageFrames.Write(_target, message, _compress);
        HasMessages = true;
        if (flush)
        {
            await FlushAsync(cancellationToken);
        }

        return Status.Ok;
    }

    /// <summary>Sends the headers (and the context's response metadata) without a message.</summary>
    public async Task WriteHeadersAsync(CancellationToken cancellationToken)
    {
        Start();
        await _http.Response.StartAsync(cancellationToken);
        await _body.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the call with <paramref name="status"/> and the context's trailing metadata.</summary>
    public async Task CompleteAsync(Status status)
    {
        if (_http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        Start();
        var message = status.Detail.Length == 0 ? null : PercentEncoding.Encode(status.Detail);
        if (_format == WireProtocol.Grpc)
        {
            // Nothing sent yet: trailers-only, status in the headers, so the client need not wait for a body.
            var sent = HasMessages || _http.Response.HasStarted;
            var target = sent ? _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers ?? _http.Response.Headers : _http.Response.Headers;
            target[GrpcProtocol.StatusHeader] = (uint)status.Code < StatusText.Length
                ? StatusText[(int)status.Code]
                : ((int)status.Code).ToString(CultureInfo.InvariantCulture);
            if (message is not null)
            {
                target[GrpcProtocol.MessageHeader] = message;
            }

            MetadataHeaders.Write(_context.ResponseTrailers, target);
            return;
        }

        WriteWebTrailers(status, message);
        await FlushAsync(_http.RequestAborted);
    }

    private void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypes.ResponseContentType(_format);
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        if (_compress)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.Gzip;
        }

        MetadataHeaders.Write(_context.ResponseHeaders, response.Headers);
    }

    private void WriteWebTrailers(Status status, string? message)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{GrpcProtocol.StatusHeader}:{(int)status.Code}\r\n");
        if (message is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{GrpcProtocol.MessageHeader}:{message}\r\n");
        }

        foreach (var entry in _context.ResponseTrailers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{entry.Key}:{MetadataHeaders.Value(entry)}\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var span = _target.GetSpan(GrpcProtocol.FrameHeaderSize + bytes.Length);
        MessageFrames.WriteHeader(span, GrpcProtocol.WebTrailerFlag, bytes.Length);
        bytes.CopyTo(span[GrpcProtocol.FrameHeaderSize..]);
        _target.Advance(GrpcProtocol.FrameHeaderSize + bytes.Length);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_text is not null)
        {
            EncodeText();
        }

        await _body.FlushAsync(cancellationToken);
    }

    // Each flush is one whole base64 chunk, padding included, so that a browser decodes every message as soon as it
    // arrives (the gRPC-Web protocol allows padding between chunks; our server decodes such bodies too).
    private void EncodeText()
    {
        if (_text!.WrittenCount == 0)
        {
            return;
        }

        var target = _body.GetSpan(Base64.GetMaxEncodedToUtf8Length(_text.WrittenCount));
        Base64.EncodeToUtf8(_text.WrittenSpan, target, out _, out var written);
        _body.Advance(written);
        _text.Clear();
    }
}
