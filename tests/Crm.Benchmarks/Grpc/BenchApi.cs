using Crm.Benchmarks.Grpc.V1;
using Grpc.Core;

namespace Crm.Benchmarks.Grpc;

/// <summary>The measured handler: parse, answer, serialize; everything else is grpc-dotnet's work.</summary>
public sealed class BenchApi : BenchService.BenchServiceBase
{
    private static long _answered;

    /// <summary>How many calls the handler has answered, to check that every call h2load counted reached it.</summary>
    public static long Answered => Interlocked.Read(ref _answered);

    public override Task<BenchReply> Echo(BenchRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _answered);
        return Task.FromResult(new BenchReply { Text = request.Text, Number = request.Number });
    }
}
