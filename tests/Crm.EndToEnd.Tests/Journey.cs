using Crm.Grpc.Client;
using Crm.Grpc;
using CrmPlatform.LocalServers;
using Google.Protobuf;

namespace Crm.EndToEnd.Tests;

/// <summary>Calls through the gateway as a named person, and waits for what events make true.</summary>
internal sealed class Journey(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task<TResponse> CallAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, string user = "e2e")
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        platform.Gateway.UnaryAsync(method, request, new CallOptions
        {
            Headers = new Metadata().Add("x-user-id", user),
            Timeout = TimeSpan.FromSeconds(10),
            CancellationToken = TestContext.Current.CancellationToken,
        });

    /// <summary>The status a call ends with (OK when it succeeds).</summary>
    public async Task<Status> StatusOfAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        try
        {
            await CallAsync(method, request);
            return Status.Ok;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Asks again until <paramref name="done"/> holds (events travel between services), then returns it.</summary>
    public async Task<T> EventuallyAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done)
    {
        T last = default!;
        Exception? error = null;
        var reached = await Poll.UntilAsync(
            async _ =>
            {
                try
                {
                    last = await probe();
                    error = null;
                    return done(last);
                }
                catch (RpcException ex)
                {
                    error = ex;
                    return false;
                }
            },
            Patience,
            TestContext.Current.CancellationToken);
        Assert.True(reached, $"never true within {Patience}: {what}; last answer {last}{(error is null ? string.Empty : $", last error {error.Message}")}{Environment.NewLine}{platform.RecentLog}");
        return last;
    }
}
