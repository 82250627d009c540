using System.Text.Json;

namespace Crm.Leads.Data;

/// <summary>Values stored whole in a jsonb column, written and read as the events carry them.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"a stored {typeof(T).Name} is empty");
}
