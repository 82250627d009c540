using Grpc.Core;
using Xunit;

namespace Crm.Testing;

/// <summary>How a test calls the platform: as a named person with a token from the <see cref="TestIssuer"/> (an
/// administrator unless roles are named), within a deadline, cancelled with the test.</summary>
public static class TestCalls
{
    /// <summary>Who a test calls as when it names nobody.</summary>
    public const string DefaultUser = "test-user";

    public static CallOptions As(string? user, TimeSpan timeout, params string[] roles) =>
        WithToken(TestIssuer.Default.TokenFor(user ?? DefaultUser, roles), timeout);

    /// <summary>As a member of the sales team <paramref name="team"/>.</summary>
    public static CallOptions InTeam(string team, string user, TimeSpan timeout, params string[] roles) =>
        WithToken(TestIssuer.Default.Token(user, roles, DateTime.UtcNow.AddMinutes(30), team: team), timeout);

    /// <summary>As the sales manager of <paramref name="team"/> (none for a vice-president), over the teams
    /// <paramref name="below"/> it, each as its path down from them ("east", "east/metro").</summary>
    public static CallOptions Managing(string? team, string user, TimeSpan timeout, params string[] below) =>
        WithToken(TestIssuer.Default.Token(user, ["sales_manager"], DateTime.UtcNow.AddMinutes(30), team: team, teamsBelow: below), timeout);

    /// <summary>With exactly this token (a forged or expired one), or none when null.</summary>
    public static CallOptions WithToken(string? token, TimeSpan timeout) => new(
        headers: token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } },
        deadline: DateTime.UtcNow + timeout,
        cancellationToken: TestContext.Current.CancellationToken);
}
