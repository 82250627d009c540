using Crm.Grpc;

namespace Crm.Orders.Tests;

/// <summary>Asserts that a call was refused with a status, and for bad input, that its message names the field.</summary>
internal static class Refused
{
    public static async Task<Status> WithAsync(StatusCode code, Func<Task> call, string? field = null)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, refused.StatusCode);
        if (field is not null)
        {
            Assert.StartsWith(field + ":", refused.Status.Detail, StringComparison.Ordinal);
        }

        return refused.Status;
    }
}
