using Grpc.Core;

namespace Crm.Testing;

/// <summary>Asserts that a call was refused with a status and, for bad input, that its message names the field.</summary>
public static class Refused
{
    /// <summary>The status <paramref name="call"/> was refused with; fails the test when it succeeded, ended with
    /// another code, or (given <paramref name="field"/>) did not name the field first.</summary>
    public static Task<Status> WithAsync<TResponse>(StatusCode code, Func<AsyncUnaryCall<TResponse>> call, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return WithAsync(code, async () => await call(), field);
    }

    /// <inheritdoc cref="WithAsync{TResponse}"/>
    public static async Task<Status> WithAsync(StatusCode code, Func<Task> call, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
        }
        catch (RpcException refused)
        {
            if (refused.StatusCode != code)
            {
                throw new InvalidOperationException($"expected {code}, got {refused.Status}", refused);
            }

            if (field is not null && !refused.Status.Detail.StartsWith(field + ":", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected a message naming {field}, got '{refused.Status.Detail}'", refused);
            }

            return refused.Status;
        }

        throw new InvalidOperationException($"expected {code}{(field is null ? "" : " naming " + field)}, but the call succeeded");
    }
}
