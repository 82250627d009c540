using Crm.Grpc;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Opportunities.Features;

/// <summary>Reads a <see cref="Timestamp"/> from the wire, naming the field when it is missing or out of range.</summary>
internal static class Instants
{
    // What google.protobuf.Timestamp allows: 0001-01-01 to 9999-12-31.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    public static (DateTimeOffset? Instant, Status Status) Read(Timestamp? timestamp, string field, bool required = true)
    {
        if (timestamp is null)
        {
            return (null, required ? Status.InvalidArgument(field, "is required") : Status.Ok);
        }

        if (timestamp.Seconds is < MinSeconds or > MaxSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            return (null, Status.InvalidArgument(field, "is not a valid timestamp"));
        }

        return (timestamp.ToDateTimeOffset(), Status.Ok);
    }
}
