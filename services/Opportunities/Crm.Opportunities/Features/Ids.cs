using Crm.Grpc;
using Grpc.Core;

namespace Crm.Opportunities.Features;

/// <summary>Ids on the wire are UUID strings; a malformed one is bad input naming its field.</summary>
internal static class Ids
{
    public static (Guid Id, Status Status) Read(string value, string field) =>
        value.Length == 0 ? (Guid.Empty, Status.InvalidArgument(field, "is required"))
        : Guid.TryParse(value, out var id) ? (id, Status.Ok)
        : (Guid.Empty, Status.InvalidArgument(field, $"'{value}' is not a UUID"));

    /// <summary>An id that may be left empty (null then).</summary>
    public static (Guid? Id, Status Status) ReadOptional(string value, string field)
    {
        if (value.Length == 0)
        {
            return (null, Status.Ok);
        }

        var (id, status) = Read(value, field);
        return (status.IsOk ? id : null, status);
    }

    public static string Text(Guid? id) => id?.ToString() ?? string.Empty;
}
