using System.IO.Pipelines;
using System.Security.Cryptography;
using Crm.Grpc;
using Crm.Leads.Grpc.V1;
using Grpc.Core;

namespace Crm.Leads.Features.Import;

/// <summary>
/// The file's bytes as they arrive on the call, as a stream the CSV reader reads while the next chunks are received:
/// never more than <see cref="ImportLimits.BufferedBytes"/> wait unread, so memory stays flat whatever the size of the
/// file, and a slow database makes the sender wait (HTTP/2 flow control) instead of filling the service. The bytes are
/// hashed as they pass, counted against <see cref="ImportLimits.FileBytes"/>, and each chunk is checked against
/// <see cref="ImportLimits.ChunkBytes"/>; a violation reaches the reader as the RpcException that ends the import.
/// </summary>
internal sealed class ImportUpload : IAsyncDisposable
{
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: ImportLimits.BufferedBytes,
        resumeWriterThreshold: ImportLimits.BufferedBytes / 2,
        useSynchronizationContext: false));

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly CancellationTokenSource _stop;
    private readonly Task _receiving;

    private ImportUpload(IAsyncStreamReader<ImportLeadsRequest> requests, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Content = _pipe.Reader.AsStream();
        _receiving = ReceiveAsync(requests, _stop.Token);
    }

    /// <summary>The file's bytes; read it to the end, then <see cref="Sha256Async"/> tells the file's hash.</summary>
    public Stream Content { get; }

    /// <summary>Starts receiving the chunks that follow the header.</summary>
    public static ImportUpload Start(IAsyncStreamReader<ImportLeadsRequest> requests, CancellationToken cancellationToken) => new(requests, cancellationToken);

    /// <summary>The SHA-256 of every byte received, in lower-case hex, once the caller has sent the whole file.</summary>
    public async Task<string> Sha256Async()
    {
        await _receiving;
        return Convert.ToHexStringLower(_sha256.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        // Stops receiving (a refused header or a failure leaves chunks unread), and waits, so that nothing touches the
        // request stream once the call's handler returns.
        await _stop.CancelAsync();
        await Content.DisposeAsync();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _sha256.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveAsync(IAsyncStreamReader<ImportLeadsRequest> requests, CancellationToken cancellationToken)
    {
        // Off the caller's flow: the first chunk is awaited while the reader waits for bytes.
        await Task.Yield();
        try
        {
            long received = 0;
            while (await requests.MoveNext(cancellationToken))
            {
                var chunk = Chunk(requests.Current, received);
                received += chunk.Length;
                _sha256.AppendData(chunk.Span);
                if ((await _pipe.Writer.WriteAsync(chunk, cancellationToken)).IsCompleted)
                {
                    // The reader stopped (the file was refused): the rest is not wanted.
                    break;
                }
            }

            await _pipe.Writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The reader rethrows it: a refused chunk ends the import with its status, a dropped call as cancelled.
            await _pipe.Writer.CompleteAsync(ex);
            throw;
        }
    }

    /// <summary>The bytes of a chunk, or the status that refuses it (a second header, a chunk or file over its limit).</summary>
    private static ReadOnlyMemory<byte> Chunk(ImportLeadsRequest request, long receivedBefore)
    {
        if (request.PartCase != ImportLeadsRequest.PartOneofCase.Chunk)
        {
            throw new RpcException(Status.InvalidArgument("header", "comes once, in the first message; the messages after it carry the file's bytes (chunk)"));
        }

        var chunk = request.Chunk.Memory;
        if (chunk.Length > ImportLimits.ChunkBytes)
        {
            throw new RpcException(Status.ResourceExhausted($"chunk: {chunk.Length} bytes in one message; send at most {ImportLimits.ChunkBytes} (1 MiB) per message"));
        }

        if (receivedBefore + chunk.Length > ImportLimits.FileBytes)
        {
            throw new RpcException(Status.ResourceExhausted($"chunk: the file is larger than {ImportLimits.FileBytes / (1024 * 1024 * 1024)} GiB; split the list into smaller files"));
        }

        return chunk;
    }
}
