using Crm.Grpc.Reflection.V1;
using Crm.Grpc.Server;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Crm.Grpc.Reflection;

/// <summary>
/// <c>grpc.reflection.v1.ServerReflection</c>: lists the mapped services and hands out their proto files (with every
/// file they import), so that grpcurl, Postman or any client can discover and call the API.
/// </summary>
public sealed class ReflectionApi(GrpcServiceRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public async IAsyncEnumerable<ServerReflectionResponse> ServerReflectionInfo(IAsyncEnumerable<ServerReflectionRequest> requests, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(context);
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            yield return Respond(request);
        }
    }

    /// <summary>The answer to one request, echoing it as the protocol asks.</summary>
    internal ServerReflectionResponse Respond(ServerReflectionRequest request)
    {
        var response = Answer(request);
        response.ValidHost = request.Host;
        response.OriginalRequest = request;
        return response;
    }

    private ServerReflectionResponse Answer(ServerReflectionRequest request) => request.MessageRequestCase switch
    {
        ServerReflectionRequest.MessageRequestOneofCase.ListServices => new ServerReflectionResponse
        {
            ListServicesResponse = new ListServiceResponse { Service = { registry.Services.Select(s => new ServiceResponse { Name = s.FullName }) } },
        },
        ServerReflectionRequest.MessageRequestOneofCase.FileByFilename =>
            Files(Find(f => f.Name == request.FileByFilename), $"no file named {request.FileByFilename}"),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol =>
            Files(Find(f => Declares(f, request.FileContainingSymbol)), $"no symbol named {request.FileContainingSymbol}"),
        ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType =>
            Find(f => f.MessageTypes.Any(m => Declares(m, request.AllExtensionNumbersOfType))) is null
                ? Error(StatusCode.NotFound, $"no type named {request.AllExtensionNumbersOfType}")
                : new ServerReflectionResponse { AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType } },
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension =>
            Error(StatusCode.NotFound, "this server's protos declare no extensions"),
        _ => Error(StatusCode.InvalidArgument, "the request names nothing to look up"),
    };

    private FileDescriptor? Find(Func<FileDescriptor, bool> predicate) => AllFiles().FirstOrDefault(predicate);

    /// <summary>Every file of every mapped service and, transitively, what they import.</summary>
    private IEnumerable<FileDescriptor> AllFiles()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>(registry.Services.Select(s => s.File));
        while (pending.Count > 0)
        {
            var file = pending.Pop();
            if (!seen.Add(file.Name))
            {
                continue;
            }

            yield return file;
            foreach (var dependency in file.Dependencies)
            {
                pending.Push(dependency);
            }
        }
    }

    private static ServerReflectionResponse Files(FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            return Error(StatusCode.NotFound, notFound);
        }

        var response = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            response.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        return new ServerReflectionResponse { FileDescriptorResponse = response };
    }

    private static bool Declares(FileDescriptor file, string symbol) =>
        file.Services.Any(s => s.FullName == symbol || s.Methods.Any(m => m.FullName == symbol))
        || file.MessageTypes.Any(m => Declares(m, symbol))
        || file.EnumTypes.Any(e => e.FullName == symbol);

    private static bool Declares(MessageDescriptor message, string symbol) =>
        message.FullName == symbol
        || message.Fields.InDeclarationOrder().Any(f => f.FullName == symbol)
        || message.NestedTypes.Any(n => Declares(n, symbol))
        || message.EnumTypes.Any(e => e.FullName == symbol);

    private static ServerReflectionResponse Error(StatusCode code, string message) =>
        new() { ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message } };
}
