using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using Crm.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Crm.Grpc.Server;

/// <summary>What every call goes through before and after its handler: protocol checks, body decoding, telemetry.</summary>
internal static class CallGate
{
    /// <summary>Answers requests that are not gRPC (415), or native gRPC over HTTP/1.1 (426); true when it did.</summary>
    public static async ValueTask<bool> RejectAsync(HttpContext http, WireProtocol format, bool streamedRequest = false)
    {
        if (format == WireProtocol.None)
        {
            await WriteHttpErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, $"content type '{http.Request.ContentType}' is not gRPC: send application/grpc or application/grpc-web");
            return true;
        }

        if (format == WireProtocol.Grpc && !HttpProtocol.IsHttp2(http.Request.Protocol) && !HttpProtocol.IsHttp3(http.Request.Protocol))
        {
            http.Response.Headers.Upgrade = "h2c";
            await WriteHttpErrorAsync(http, StatusCodes.Status426UpgradeRequired, $"gRPC needs HTTP/2, not {http.Request.Protocol}; browsers use gRPC-Web");
            return true;
        }

        // The message limit guards each message; Kestrel's whole-body limit would cut long streams short.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        // A client stream may rest between messages (a reflection session, a chat): Kestrel's minimum request data
        // rate would otherwise cut it off, and with it the whole HTTP/2 connection.
        if (streamedRequest && http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        return false;
    }

    public static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers[GrpcProtocol.AcceptEncodingHeader])
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                if (part.Trim().Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reads a gRPC-Web text body (base64) within the limit; null when it is larger. Bytes are taken out of
    /// the pipe as they come, so that HTTP/1.1's input buffer never fills and stalls the body.</summary>
    public static async ValueTask<PipeReader?> DecodeTextBodyAsync(HttpContext http, int maxMessageSize, CancellationToken cancellationToken)
    {
        var limit = Base64.GetMaxEncodedToUtf8Length(maxMessageSize + GrpcProtocol.FrameHeaderSize);
        var reader = http.Request.BodyReader;
        var text = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (text.WrittenCount + result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.End);
                return null;
            }

            foreach (var segment in result.Buffer)
            {
                text.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return PipeReader.Create(new ReadOnlySequence<byte>(DecodeBase64Chunks(text.WrittenSpan)));
            }
        }
    }

    /// <summary>Tags the request's activity with the RPC conventions and records the call's metrics.</summary>
    public static void Record(HttpContext http, string service, string method, Status status, long started)
    {
        if (http.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
        {
            activity.DisplayName = $"{service}/{method}";
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", method);
            activity.SetTag("rpc.grpc.status_code", (int)status.Code);
            if (status.Code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
                or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss)
            {
                activity.SetStatus(ActivityStatusCode.Error, status.Detail);
            }
        }

        if (GrpcTelemetry.ServerCalls.Enabled || GrpcTelemetry.ServerDuration.Enabled)
        {
            var tags = GrpcTelemetry.Tags(service, method, status.Code);
            GrpcTelemetry.ServerCalls.Add(1, tags);
            GrpcTelemetry.ServerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static async Task WriteHttpErrorAsync(HttpContext http, int statusCode, string message)
    {
        http.Response.StatusCode = statusCode;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
        await http.Response.WriteAsync(message, http.RequestAborted);
    }

    // A client may send several base64 chunks, each with its own padding; decode them one after another.
    private static byte[] DecodeBase64Chunks(ReadOnlySpan<byte> text)
    {
        var output = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        var read = 0;
        var written = 0;
        while (read < text.Length)
        {
            var chunkEnd = read;
            while (chunkEnd < text.Length && text[chunkEnd] != (byte)'=')
            {
                chunkEnd++;
            }

            while (chunkEnd < text.Length && text[chunkEnd] == (byte)'=')
            {
                chunkEnd++;
            }

            var status = Base64.DecodeFromUtf8(text[read..chunkEnd], output.AsSpan(written), out _, out var decoded);
            if (status != OperationStatus.Done)
            {
                throw new RpcException(Status.Internal("the gRPC-Web text body is not valid base64"));
            }

            written += decoded;
            read = chunkEnd;
        }

        return output[..written];
    }
}
