using Crm.Grpc.Server;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Alpha = Crm.Grpc.Reflection.V1Alpha;
using V1 = Crm.Grpc.Reflection.V1;

namespace Crm.Grpc.Reflection;

/// <summary>
/// <c>grpc.reflection.v1alpha.ServerReflection</c>, for tools that still ask for it. Its messages are byte for byte
/// those of v1, so each request is read as v1, answered by <see cref="ReflectionApi"/> and sent back as v1alpha.
/// </summary>
public sealed class ReflectionAlphaApi(GrpcServiceRegistry registry) : IGrpcService
{
    private readonly ReflectionApi _v1 = new(registry);

    public static ServiceDescriptor Descriptor => Alpha.ReflectionReflection.Descriptor.Services[0];

    public async IAsyncEnumerable<Alpha.ServerReflectionResponse> ServerReflectionInfo(IAsyncEnumerable<Alpha.ServerReflectionRequest> requests, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(context);
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            var answer = _v1.Respond(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            yield return Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString());
        }
    }
}
