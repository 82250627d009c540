using Crm.Grpc;
using Grpc.Core;

namespace Crm.Api;

/// <summary>
/// Identifiers on the wire (UUID strings) to <see cref="Guid"/>, the one rule for every service: surrounding spaces
/// are ignored, and an empty value or the all-zero UUID is no id. A malformed one is INVALID_ARGUMENT naming the field.
/// </summary>
public static class IdConversions
{
    /// <summary>The id in <paramref name="value"/>, or INVALID_ARGUMENT naming <paramref name="field"/> when it is empty
    /// or not a UUID.</summary>
    public static (Guid Id, Status Status) Read(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (Guid.Empty, Status.InvalidArgument(field, "is required"));
        }

        return Guid.TryParse(value.Trim(), out var id) && id != Guid.Empty
            ? (id, Status.Ok)
            : (Guid.Empty, Status.InvalidArgument(field, $"'{Echo.Shorten(value)}' is not an id (a UUID)"));
    }

    /// <summary>An id that may be left empty (null then).</summary>
    public static (Guid? Id, Status Status) ReadOptional(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, Status.Ok);
        }

        var (id, status) = Read(value, field);
        return (status.IsOk ? id : null, status);
    }

    /// <summary>An optional id on the wire: empty when there is none.</summary>
    public static string Write(Guid? id) => id?.ToString() ?? string.Empty;
}
