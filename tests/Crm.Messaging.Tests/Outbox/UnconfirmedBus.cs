using System.Reflection;
using MassTransit;

namespace Crm.Messaging.Tests.Outbox;

/// <summary>
/// A bus whose every publish waits, past its token, for a confirm that never comes: what MassTransit 8.4 did now and
/// then to a publish in flight while the broker restarted.
/// </summary>
public class UnconfirmedBus : DispatchProxy
{
    public static IBus Create() => Create<IBus, UnconfirmedBus>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.ReturnType == typeof(Task)
            ? new TaskCompletionSource().Task
            : throw new NotSupportedException($"{targetMethod?.Name} is not part of the stand-in");
}
