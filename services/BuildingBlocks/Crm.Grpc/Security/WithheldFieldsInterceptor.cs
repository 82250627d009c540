using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Crm.Grpc.Security;

/// <summary>
/// Withholds from every answer the fields the caller's roles may not see (<see cref="DataClassAccess"/>), and names
/// them in the <c>crm-withheld</c> trailer (comma-separated paths), so that an empty field is not taken for an unknown one.
/// </summary>
internal sealed class WithheldFieldsInterceptor : Interceptor
{
    /// <summary>The trailer that names the withheld fields.</summary>
    public const string Trailer = "crm-withheld";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var response = await continuation(request, context);
        if (response is IMessage message && DataClassAccess.HiddenFrom(context.GetHttpContext().User) is { Count: > 0 } hidden
            && WithheldFields.PathsOf(message.Descriptor, hidden) is { Count: > 0 } paths)
        {
            WithheldFields.Withhold(message, hidden);
            context.ResponseTrailers.Add(Trailer, string.Join(',', paths));
        }

        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var hidden = DataClassAccess.HiddenFrom(context.GetHttpContext().User);
        return hidden.Count == 0
            ? continuation(request, responseStream, context)
            : continuation(request, new WithholdingWriter<TResponse>(responseStream, hidden), context);
    }

    /// <summary>Withholds from each message of a stream before it is written.</summary>
    private sealed class WithholdingWriter<T>(IServerStreamWriter<T> inner, IReadOnlySet<Crm.Common.Grpc.V1.DataClass> hidden) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message)
        {
            if (message is IMessage withheld)
            {
                WithheldFields.Withhold(withheld, hidden);
            }

            return inner.WriteAsync(message);
        }
    }
}
