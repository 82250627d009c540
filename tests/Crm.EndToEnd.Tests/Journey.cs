using Crm.Grpc.Client;
using Crm.Grpc;
using CrmPlatform.LocalServers;
using Google.Protobuf;

namespace Crm.EndToEnd.Tests;

/// <summary>Calls through the gateway as a named person, and waits for what events make true.</summary>
internal sealed class Journey(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Calls through the gateway. A call that times out or fails unexpectedly writes to the test's output how
    /// long it took and what every service printed meanwhile, so that a failure on a loaded machine can be explained.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, string user = "e2e")
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await SendAsync(method, request, user);
        }
        catch (RpcException ex) when (ex.Status.Code is StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{method.Path} ended with {ex.Status.Code} after {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; the services' last lines:{Environment.NewLine}{platform.RecentLog}");
            throw;
        }
    }

    /// <summary>The status a call ends with (OK when it succeeds).</summary>
    public async Task<Status> StatusOfAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        try
        {
            await SendAsync(method, request, "e2e");
            return Status.Ok;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private Task<TResponse> SendAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, string user)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        platform.Gateway.UnaryAsync(method, request, new CallOptions
        {
            Headers = new Metadata().Add("x-user-id", user),
            Timeout = TimeSpan.FromSeconds(10),
            CancellationToken = TestContext.Current.CancellationToken,
        });

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
