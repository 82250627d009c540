using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Messaging.Data;

/// <summary>Values stored whole in a jsonb column, written and read with the web defaults that events use too.</summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The converter for a property of type <typeparamref name="T"/> stored as jsonb.</summary>
    public static ValueConverter<T, string> Converter<T>() => new(v => Write(v), s => Read<T>(s));

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"a stored {typeof(T).Name} is empty");
}
