using System.Collections.Concurrent;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>What the Wait handler saw happen to each call, by key: the server side of cancellation tests.</summary>
public sealed class CancellationRecord
{
    private readonly ConcurrentDictionary<string, string> _outcomes = new(StringComparer.Ordinal);

    public void Record(string key, string outcome) => _outcomes[key] = outcome;

    public string? Outcome(string key) => _outcomes.TryGetValue(key, out var outcome) ? outcome : null;
}
