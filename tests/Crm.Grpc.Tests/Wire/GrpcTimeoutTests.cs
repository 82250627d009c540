namespace Crm.Grpc.Tests.Wire;

/// <summary>How much of a caller's time the next hop gets (a tenth less, never more than a second less, never
/// negative), and how a <c>grpc-timeout</c> header reads and is written.</summary>
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

    [Theory]
    [InlineData("2H", 2L * 60 * 60 * 1000 * 10_000)]
    [InlineData("3M", 3L * 60 * 1000 * 10_000)]
    [InlineData("20S", 20L * 1000 * 10_000)]
    [InlineData("300m", 300L * 10_000)]
    [InlineData("250u", 2_500L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999m", 99_999_999L * 10_000)]
    public void Each_unit_of_a_timeout_header_reads_as_its_time(string header, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData("99999999H")]
    [InlineData("99999999M")]
    [InlineData("99999999S")]
    public void A_timeout_longer_than_a_timer_holds_is_cut_to_the_longest(string header) =>
        Assert.Equal(GrpcTimeout.Longest, GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("100")]
    [InlineData("100x")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("1.5S")]
    [InlineData(" 5m")]
    [InlineData("123456789m")]
    public void A_missing_or_malformed_header_means_no_deadline(string? header) =>
        Assert.Null(GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(2_000, "2000m")]
    [InlineData(1, "1m")]
    [InlineData(0, "1m")]
    [InlineData(-50, "1m")]
    public void A_timeout_is_written_in_milliseconds_and_at_least_one(int milliseconds, string header) =>
        Assert.Equal(header, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void A_timeout_too_long_for_eight_digits_is_written_as_the_longest_there_is() =>
        Assert.Equal("99999999m", GrpcTimeout.Format(TimeSpan.FromDays(365)));

    [Theory]
    [InlineData(1)]
    [InlineData(1_800)]
    [InlineData(86_400_000)]
    public void What_is_written_reads_back_the_same(int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GrpcTimeout.Parse(GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds))));
}
