using Crm.Grpc;
using Grpc.Core;

namespace Crm.Api;

/// <summary>Identifiers on the wire (UUID strings) to <see cref="Guid"/>, with the status naming the field when one is
/// missing or malformed.</summary>
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

        return Guid.TryParse(value, out var id) && id != Guid.Empty
            ? (id, Status.Ok)
            : (Guid.Empty, Status.InvalidArgument(field, $"'{value}' is not a UUID"));
    }
}
