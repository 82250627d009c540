using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Api;

/// <summary><see cref="Date"/> and <see cref="Timestamp"/> on the wire to and from <see cref="DateOnly"/> and
/// <see cref="DateTimeOffset"/>.</summary>
public static class DateConversions
{
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

        return (new DateOnly(date.Year, date.Month, date.Day), Status.Ok);
    }

    public static Timestamp ToTimestamp(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    public static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } i ? Timestamp.FromDateTimeOffset(i) : null;
}
