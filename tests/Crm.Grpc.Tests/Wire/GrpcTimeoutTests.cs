using Crm.Grpc.Protocol;

namespace Crm.Grpc.Tests.Wire;

/// <summary>How much of a caller's time the next hop gets: a tenth less, never more than a second less, never negative.</summary>
public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData(2_000, 1_800)]
    [InlineData(10_000, 9_000)]
    [InlineData(30_000, 29_000)]
    [InlineData(0, 0)]
    public void The_next_hop_gets_a_tenth_less_and_at_most_a_second_less(int remainingMs, int nextHopMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(nextHopMs), GrpcTimeout.ForNextHop(TimeSpan.FromMilliseconds(remainingMs)));

    [Fact]
    public void Time_already_past_stays_past_for_the_next_hop() =>
        Assert.True(GrpcTimeout.ForNextHop(TimeSpan.FromMilliseconds(-5)) <= TimeSpan.Zero);
}
