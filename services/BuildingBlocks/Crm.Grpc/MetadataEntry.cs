namespace Crm.Grpc;

/// <summary>One metadata entry: text, or bytes for a key ending in <c>-bin</c>.</summary>
public sealed record MetadataEntry
{
    private MetadataEntry(string key, string? value, byte[]? valueBytes)
    {
        Key = key;
        Value = value;
        ValueBytes = valueBytes;
    }

    public string Key { get; }

    public string? Value { get; }

    public byte[]? ValueBytes { get; }

    public bool IsBinary => ValueBytes is not null;

    public static MetadataEntry Text(string key, string value)
    {
        var normalized = Normalize(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"metadata key '{key}' ends in -bin: give its value as bytes", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(c => c < 0x20 || c > 0x7E))
        {
            throw new ArgumentException($"metadata '{key}' must be printable ASCII; use a -bin key for other bytes", nameof(value));
        }

        return new MetadataEntry(normalized, value, null);
    }

    public static MetadataEntry Binary(string key, byte[] value)
    {
        var normalized = Normalize(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"binary metadata key '{key}' must end in -bin", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        return new MetadataEntry(normalized, null, value);
    }

    /// <summary>An entry as received: any value HTTP allowed is kept, since a receiver must not fail on it.</summary>
    internal static MetadataEntry Received(string key, string value) => new(key.ToLowerInvariant(), value, null);

    /// <summary>A binary entry as received.</summary>
    internal static MetadataEntry ReceivedBytes(string key, byte[] value) => new(key.ToLowerInvariant(), null, value);

    public static bool IsBinaryKey(string key) => key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var lower = key.ToLowerInvariant();
        if (lower.StartsWith("grpc-", StringComparison.Ordinal) || lower.StartsWith(':'))
        {
            throw new ArgumentException($"metadata key '{key}' is reserved by the protocol", nameof(key));
        }

        return lower;
    }
}
