using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Api;

/// <summary><see cref="Date"/> and <see cref="Timestamp"/> on the wire to and from <see cref="DateOnly"/> and
/// <see cref="DateTimeOffset"/>.</summary>
public static class DateConversions
{
    /// <summary>The first day a business date or instant may fall on (a close date, a due date, a meeting).</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The last day a business date or instant may fall on.</summary>
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Date? ToDate(DateOnly? date) => date is { } d ? ToDate(d) : null;

    /// <summary>The date, or the status naming <paramref name="field"/> when it is missing (and required) or not a
    /// real calendar date.</summary>
    public static (DateOnly? Date, Status Status) Read(Date? date, string field, bool required = true)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return (null, required ? Status.InvalidArgument(field, "is required") : Status.Ok);
        }

        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return (null, Status.InvalidArgument(field, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date"));
        }

        var read = new DateOnly(date.Year, date.Month, date.Day);
        return read < Earliest || read > Latest
            ? (null, Status.InvalidArgument(field, $"{read:yyyy-MM-dd} is outside {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}"))
            : (read, Status.Ok);
    }

    /// <summary>The instant, or the status naming <paramref name="field"/> when it is missing (and required), not a valid
    /// timestamp, or outside <see cref="Earliest"/> to <see cref="Latest"/> (UTC).</summary>
    public static (DateTimeOffset? Instant, Status Status) Read(Timestamp? timestamp, string field, bool required = true)
    {
        if (timestamp is null)
        {
            return (null, required ? Status.InvalidArgument(field, "is required") : Status.Ok);
        }

        // What google.protobuf.Timestamp allows: 0001-01-01 to 9999-12-31.
        if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            return (null, Status.InvalidArgument(field, "is not a valid timestamp"));
        }

        var instant = timestamp.ToDateTimeOffset();
        var day = DateOnly.FromDateTime(instant.UtcDateTime);
        return day < Earliest || day > Latest
            ? (null, Status.InvalidArgument(field, $"{instant:yyyy-MM-dd'T'HH:mm:ss'Z'} is outside {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}"))
            : (instant, Status.Ok);
    }

    public static Timestamp ToTimestamp(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    public static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } i ? Timestamp.FromDateTimeOffset(i) : null;
}
