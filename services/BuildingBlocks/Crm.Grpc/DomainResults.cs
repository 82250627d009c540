using Crm.Domain;

namespace Crm.Grpc;

/// <summary>A command's outcome as the answer of its RPC: the mapped value, or the status of the refusal.</summary>
public static class DomainResults
{
    public static GrpcResult<TResponse> ToResponse<T, TResponse>(this Result<T> result, Func<T, TResponse> map)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(map);
        return result.Error is { } refused ? refused : map(result.Value!);
    }
}
