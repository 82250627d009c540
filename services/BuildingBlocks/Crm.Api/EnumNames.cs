namespace Crm.Api;

/// <summary>
/// Between an API enum and the domain's own enum of the same members: the domain keeps its enums free of the wire
/// (no proto type under any Domain folder), and the names are the contract between the two. A member with no
/// counterpart is a programming error, caught by each service's mapping test.
/// </summary>
public static class EnumNames
{
    public static TTo Convert<TFrom, TTo>(TFrom value)
        where TFrom : struct, Enum
        where TTo : struct, Enum =>
        Enum.TryParse<TTo>(value.ToString(), ignoreCase: false, out var converted) && Enum.IsDefined(converted)
            ? converted
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TTo).Name} has no member named like this {typeof(TFrom).Name}");
}
