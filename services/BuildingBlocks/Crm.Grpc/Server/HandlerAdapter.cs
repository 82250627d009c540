using System.Reflection;

namespace Crm.Grpc.Server;

/// <summary>
/// Turns a handler method into one delegate shape per kind, whatever of the accepted return types it declares, so
/// that a call pays for one delegate invocation and no reflection.
/// </summary>
internal static class HandlerAdapter<TService, TArgument, TResponse>
    where TService : class
    where TResponse : class
{
    public static Func<TService, TArgument, CallContext, ValueTask<GrpcResult<TResponse>>>? Single(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(ValueTask<GrpcResult<TResponse>>))
        {
            return Bind<ValueTask<GrpcResult<TResponse>>>(method);
        }

        if (type == typeof(Task<GrpcResult<TResponse>>))
        {
            var handler = Bind<Task<GrpcResult<TResponse>>>(method);
            return (service, argument, context) => new ValueTask<GrpcResult<TResponse>>(handler(service, argument, context));
        }

        if (type == typeof(Task<TResponse>))
        {
            var handler = Bind<Task<TResponse>>(method);
            return (service, argument, context) => FromTask(handler(service, argument, context));
        }

        if (type == typeof(ValueTask<TResponse>))
        {
            var handler = Bind<ValueTask<TResponse>>(method);
            return (service, argument, context) => FromValueTask(handler(service, argument, context));
        }

        return null;
    }

    public static Func<TService, TArgument, CallContext, IAsyncEnumerable<TResponse>>? Stream(MethodInfo method) =>
        method.ReturnType == typeof(IAsyncEnumerable<TResponse>)
            ? Bind<IAsyncEnumerable<TResponse>>(method)
            : null;

    /// <summary>An instance method takes the handler object; a static one (a handler with no state) ignores it.</summary>
    private static Func<TService, TArgument, CallContext, TResult> Bind<TResult>(MethodInfo method)
    {
        if (!method.IsStatic)
        {
            return method.CreateDelegate<Func<TService, TArgument, CallContext, TResult>>();
        }

        var handler = method.CreateDelegate<Func<TArgument, CallContext, TResult>>();
        return (_, argument, context) => handler(argument, context);
    }

    private static ValueTask<GrpcResult<TResponse>> FromTask(Task<TResponse> task) =>
        task.IsCompletedSuccessfully ? new(task.Result) : AwaitTask(task);

    private static async ValueTask<GrpcResult<TResponse>> AwaitTask(Task<TResponse> task) => await task;

    private static ValueTask<GrpcResult<TResponse>> FromValueTask(ValueTask<TResponse> task) =>
        task.IsCompletedSuccessfully ? new(task.Result) : AwaitValueTask(task);

    private static async ValueTask<GrpcResult<TResponse>> AwaitValueTask(ValueTask<TResponse> task) => await task;
}
