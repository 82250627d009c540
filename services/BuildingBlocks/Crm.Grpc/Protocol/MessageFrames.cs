using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Crm.Grpc.Protocol;

/// <summary>
/// Length-prefixed gRPC messages: reading them from a pipe with the size limit enforced from the prefix alone (a
/// message over the limit is refused before its body is read), and writing them.
/// </summary>
public static class MessageFrames
{
    /// <summary>
    /// Reads the next message. Returns it with an OK status, or null with OK at the end of the stream, or null with
    /// the status that explains a bad frame (a lying prefix, a truncated frame, invalid protobuf, an unknown flag).
    /// </summary>
    public static async ValueTask<(T? Message, Status Status)> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, ReadSettings settings, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length < GrpcProtocol.FrameHeaderSize)
            {
                if (result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.End);
                    return buffer.IsEmpty ? (null, Status.Ok) : (null, Status.Internal("the stream ended inside a frame header"));
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var (flag, length) = ReadHeader(buffer);
            var problem = CheckHeader(flag, length, settings);
            if (problem is { } status)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (null, status);
            }

            var frameEnd = GrpcProtocol.FrameHeaderSize + length;
            if (buffer.Length >= frameEnd)
            {
                var outcome = Parse(parser, buffer.Slice(GrpcProtocol.FrameHeaderSize, length), flag == 1, settings);
                reader.AdvanceTo(buffer.GetPosition(frameEnd));
                return outcome;
            }

            // Larger than what has arrived: copy it out as it comes, so that the pipe (and HTTP/1.1's input buffer)
            // keeps moving. The copy grows with the bytes received, never with what the prefix merely announces.
            return await ReadLargeAsync(reader, parser, buffer, result.IsCompleted, flag, length, settings, cancellationToken);
        }
    }

    /// <summary>The size a message takes as a frame, or null when it is larger than <paramref name="maxSize"/>.</summary>
    public static int? FrameSize(IMessage message, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        return size > maxSize ? null : GrpcProtocol.FrameHeaderSize + size;
    }

    /// <summary>Writes <paramref name="message"/> as one frame; with <paramref name="compress"/>, gzip-compressed.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, bool compress)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        if (compress)
        {
            var compressed = MessageCompression.Compress(message.ToByteArray());
            var target = writer.GetSpan(GrpcProtocol.FrameHeaderSize + compressed.Length);
            WriteHeader(target, 1, compressed.Length);
            compressed.CopyTo(target[GrpcProtocol.FrameHeaderSize..]);
            writer.Advance(GrpcProtocol.FrameHeaderSize + compressed.Length);
            return;
        }

        var size = message.CalculateSize();
        var span = writer.GetSpan(GrpcProtocol.FrameHeaderSize + size);
        WriteHeader(span, 0, size);
        message.WriteTo(span.Slice(GrpcProtocol.FrameHeaderSize, size));
        writer.Advance(GrpcProtocol.FrameHeaderSize + size);
    }

    /// <summary>Writes a frame prefix.</summary>
    public static void WriteHeader(Span<byte> target, byte flag, int length)
    {
        target[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(target[1..], (uint)length);
    }

    private static (byte Flag, long Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        return (header[0], BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    private static Status? CheckHeader(byte flag, long length, ReadSettings settings)
    {
        if (flag > 1)
        {
            return Status.Internal($"unknown frame flag {flag}: a message is 0 (plain) or 1 (compressed)");
        }

        if (length > settings.MaxMessageSize)
        {
            return Status.ResourceExhausted($"a message of {length} bytes exceeds the limit of {settings.MaxMessageSize} bytes");
        }

        if (flag == 1 && settings.Encoding is null or GrpcProtocol.Identity)
        {
            return Status.Internal("a compressed message arrived without a grpc-encoding");
        }

        return null;
    }

    private static async ValueTask<(T? Message, Status Status)> ReadLargeAsync<T>(
        PipeReader reader, MessageParser<T> parser, ReadOnlySequence<byte> buffer, bool completed, byte flag, long length, ReadSettings settings, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var payload = new ArrayBufferWriter<byte>((int)Math.Min(length, 64 * 1024));
        Append(payload, buffer.Slice(GrpcProtocol.FrameHeaderSize));
        reader.AdvanceTo(buffer.End);
        while (payload.WrittenCount < length)
        {
            if (completed)
            {
                return (null, Status.Internal($"the stream ended after {payload.WrittenCount} of the {length} bytes its frame announced"));
            }

            var result = await reader.ReadAsync(cancellationToken);
            var take = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, length - payload.WrittenCount));
            Append(payload, take);
            reader.AdvanceTo(take.End);
            completed = result.IsCompleted && take.Length == result.Buffer.Length;
        }

        return Parse(parser, new ReadOnlySequence<byte>(payload.WrittenMemory), flag == 1, settings);
    }

    private static void Append(ArrayBufferWriter<byte> target, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            target.Write(segment.Span);
        }
    }

    private static (T? Message, Status Status) Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, ReadSettings settings)
        where T : class, IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return (parser.ParseFrom(payload), Status.Ok);
            }

            var inflated = MessageCompression.Decompress(payload, settings.MaxMessageSize);
            return inflated is null
                ? (null, Status.ResourceExhausted($"a compressed message inflates past the limit of {settings.MaxMessageSize} bytes"))
                : (parser.ParseFrom(inflated), Status.Ok);
        }
        catch (InvalidProtocolBufferException)
        {
            return (null, Status.Internal($"the message is not a valid {typeof(T).Name}"));
        }
        catch (InvalidDataException)
        {
            return (null, Status.Internal("the compressed message is not valid gzip"));
        }
    }
}
