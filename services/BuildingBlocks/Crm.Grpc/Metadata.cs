using System.Collections;

namespace Crm.Grpc;

/// <summary>
/// gRPC metadata: ordered key/value pairs carried as HTTP/2 headers or trailers. Keys are lower case; a key ending
/// in <c>-bin</c> carries bytes (base64 on the wire), any other key printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    public Metadata Add(string key, string value)
    {
        _entries.Add(MetadataEntry.Text(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(MetadataEntry.Binary(key, value));
        return this;
    }

    public Metadata Add(MetadataEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The first text value of <paramref name="key"/>, or null.</summary>
    public string? GetText(string key) =>
        _entries.Find(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase) && !e.IsBinary)?.Value;

    /// <summary>The first binary value of <paramref name="key"/>, or null.</summary>
    public byte[]? GetBytes(string key) =>
        _entries.Find(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase) && e.IsBinary)?.ValueBytes;

    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
