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
}
