using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc;

/// <summary>
/// Answers a gRPC call that no handler answers (a refused token, a caller over its budget, a service the gateway
/// cannot reach): the status, and any metadata with it, in the trailers (grpc-dotnet's gRPC-Web middleware writes them
/// into the body for gRPC-Web), or in the headers where the response can carry no trailers.
/// </summary>
public static class GrpcStatusResponse
{
    public static void Write(HttpContext http, Status status, params (string Key, string Value)[] metadata)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(metadata);
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/grpc";
        var trailers = http.Response.SupportsTrailers();
        void Add(string key, string value)
        {
            if (trailers)
            {
                http.Response.AppendTrailer(key, value);
            }
            else
            {
                http.Response.Headers[key] = value;
            }
        }

        Add("grpc-status", ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        Add("grpc-message", Uri.EscapeDataString(status.Detail));
        foreach (var (key, value) in metadata)
        {
            Add(key, value);
        }
    }
}
