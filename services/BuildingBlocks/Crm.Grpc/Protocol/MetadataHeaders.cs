using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Crm.Grpc.Protocol;

/// <summary>Moves metadata between <see cref="Metadata"/> and HTTP headers (base64 for <c>-bin</c> keys).</summary>
public static class MetadataHeaders
{
    /// <summary>The application's metadata among <paramref name="headers"/>: pseudo, HTTP and grpc-* headers are left out.</summary>
    public static Metadata Read(IEnumerable<KeyValuePair<string, StringValues>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (IsReserved(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!MetadataEntry.IsBinaryKey(key))
                {
                    metadata.Add(MetadataEntry.Received(key, value));
                    continue;
                }

                // Several binary values may arrive joined by commas; one that is not base64 is dropped, not fatal.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (DecodeBinary(part) is { } bytes)
                    {
                        metadata.Add(MetadataEntry.ReceivedBytes(key, bytes));
                    }
                }
            }
        }

        return metadata;
    }

    /// <summary>Writes <paramref name="metadata"/> into <paramref name="headers"/>.</summary>
    public static void Write(Metadata metadata, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, Value(entry));
        }
    }

    /// <summary>The header value of one entry.</summary>
    public static string Value(MetadataEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes!) : entry.Value!;
    }

    /// <summary>Headers that belong to HTTP or to the protocol, never to the application's metadata.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':') || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) || Reserved.Contains(key);

    // Kestrel names known headers in canonical case (Host, Content-Type, TE): compare without case.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", "content-length", "accept-encoding", "transfer-encoding", "connection",
        "date", "server", "traceparent", "tracestate", "x-grpc-web", "x-user-agent", "origin", "referer", "accept",
        "access-control-request-headers", "access-control-request-method", "authorization", "content-encoding",
        "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "accept-language", "cache-control", "pragma", "expect",
        "vary", "access-control-allow-origin", "access-control-expose-headers", "keep-alive", "upgrade",
    };

    // Senders may omit base64 padding.
    private static byte[]? DecodeBinary(string value)
    {
        var padded = value.Length % 4 == 0 ? value : value + new string('=', 4 - (value.Length % 4));
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }
}
