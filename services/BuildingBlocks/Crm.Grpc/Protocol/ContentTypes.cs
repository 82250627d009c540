namespace Crm.Grpc.Protocol;

/// <summary>Reads the wire format from a content type: <c>application/grpc</c>, <c>application/grpc+proto</c>,
/// <c>application/grpc-web[-text][+proto]</c>. Any other codec (such as <c>+json</c>) is not spoken here.</summary>
public static class ContentTypes
{
    public static WireProtocol Parse(string? contentType)
    {
        if (contentType is null)
        {
            return WireProtocol.None;
        }

        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        if (semicolon >= 0)
        {
            span = span[..semicolon];
        }

        span = span.Trim();
        if (Matches(span, GrpcProtocol.WebTextContentType))
        {
            return WireProtocol.GrpcWebText;
        }

        if (Matches(span, GrpcProtocol.WebContentType))
        {
            return WireProtocol.GrpcWeb;
        }

        return Matches(span, GrpcProtocol.ContentType) ? WireProtocol.Grpc : WireProtocol.None;
    }

    /// <summary>The content type we answer with for a request of <paramref name="format"/>.</summary>
    public static string ResponseContentType(WireProtocol format) => format switch
    {
        WireProtocol.GrpcWeb => GrpcProtocol.WebContentType + "+proto",
        WireProtocol.GrpcWebText => GrpcProtocol.WebTextContentType + "+proto",
        _ => GrpcProtocol.ContentType,
    };

    private static bool Matches(ReadOnlySpan<char> value, string type) =>
        value.Equals(type, StringComparison.OrdinalIgnoreCase)
        || (value.StartsWith(type, StringComparison.OrdinalIgnoreCase) && value[type.Length..].Equals("+proto", StringComparison.OrdinalIgnoreCase));
}
