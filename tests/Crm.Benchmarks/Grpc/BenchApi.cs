using Crm.Benchmarks.Grpc.V1;
using Crm.Grpc;
using Crm.Grpc.Server;
using Google.Protobuf.Reflection;

namespace Crm.Benchmarks.Grpc;

/// <summary>The measured handler: parse, answer, serialize — everything else is the protocol layer's work.</summary>
public sealed class BenchApi : IGrpcService
{
    public static ServiceDescriptor Descriptor => BenchReflection.Descriptor.Services[0];

    public static Task<GrpcResult<BenchReply>> Echo(BenchRequest request, CallContext context) =>
        Task.FromResult<GrpcResult<BenchReply>>(new BenchReply { Text = request.Text, Number = request.Number });
}
