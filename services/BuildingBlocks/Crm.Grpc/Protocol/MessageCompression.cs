using System.Buffers;
using System.IO.Compression;

namespace Crm.Grpc.Protocol;

/// <summary>gzip message compression, bounded: a message that inflates past the limit is refused, not buffered.</summary>
public static class MessageCompression
{
    public static bool IsSupported(string? encoding) =>
        encoding is null || encoding is GrpcProtocol.Identity or GrpcProtocol.Gzip;

    /// <summary>Inflates <paramref name="compressed"/>; null when it would exceed <paramref name="maxSize"/> bytes.</summary>
    public static byte[]? Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }

    public static byte[] Compress(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }
}
