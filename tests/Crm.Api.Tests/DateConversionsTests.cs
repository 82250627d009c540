using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;

namespace Crm.Api.Tests;

public sealed class DateConversionsTests
{
    [Fact]
    public void A_date_survives_the_round_trip()
    {
        var date = new DateOnly(2026, 11, 22);
        Assert.Equal(date, DateConversions.Read(DateConversions.ToDate(date), "close_date").Date);
    }

    [Theory]
    [InlineData(2026, 2, 29)]
    [InlineData(2026, 13, 1)]
    [InlineData(2026, 4, 31)]
    [InlineData(1999, 12, 31)]
    [InlineData(2101, 1, 1)]
    public void A_day_that_is_not_on_the_calendar_is_INVALID_ARGUMENT_naming_the_field(int year, int month, int day)
    {
        var (date, status) = DateConversions.Read(new Date { Year = year, Month = month, Day = day }, "due_on");
        Assert.Null(date);
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith("due_on:", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_date_is_missing()
    {
        Assert.Equal("due_on: is required", DateConversions.Read(new Date(), "due_on").Status.Detail);
        Assert.True(DateConversions.Read((Date?)null, "due_on", required: false).Status.IsOk);
    }

    [Fact]
    public void An_instant_outside_the_business_range_is_refused_naming_the_field()
    {
        var early = DateConversions.Read(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero)), "starts_at");
        var late = DateConversions.Read(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero)), "starts_at");
        var fine = DateConversions.Read(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero)), "starts_at");

        Assert.Equal(("starts_at: 1999-12-31T23:00:00Z is outside 2000-01-01 to 2100-12-31", StatusCode.InvalidArgument), (early.Status.Detail, early.Status.StatusCode));
        Assert.Equal(StatusCode.InvalidArgument, late.Status.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), fine.Instant);
    }
}
