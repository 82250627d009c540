using Grpc.Core;
using Xunit;

namespace Crm.Testing;

/// <summary>How a test calls the platform: as a named person (the <c>x-user-id</c> the gateway forwards until tokens
/// come), within a deadline, cancelled with the test.</summary>
public static class TestCalls
{
    public static CallOptions As(string? user, TimeSpan timeout) => new(
        headers: user is null ? null : new Metadata { { "x-user-id", user } },
        deadline: DateTime.UtcNow + timeout,
        cancellationToken: TestContext.Current.CancellationToken);
}
