using System.Globalization;
using System.Net;

namespace Crm.Grpc.Tests.Wire;

/// <summary>What came back on the wire: HTTP status, headers, body bytes and trailers, unparsed.</summary>
public sealed record RawResponse(HttpStatusCode HttpStatus, IReadOnlyDictionary<string, string> Headers, byte[] Body, IReadOnlyDictionary<string, string> Trailers)
{
    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    public int? GrpcStatus =>
        (Trailers.TryGetValue("grpc-status", out var t) || Headers.TryGetValue("grpc-status", out t)) ? int.Parse(t, CultureInfo.InvariantCulture) : null;

    /// <summary>grpc-message, percent-decoded as the protocol encodes it (UTF-8, %XX).</summary>
    public string GrpcMessage =>
        Uri.UnescapeDataString(Trailers.TryGetValue("grpc-message", out var m) || Headers.TryGetValue("grpc-message", out m) ? m : string.Empty);
}
