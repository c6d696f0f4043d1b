using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>An open set of server-defined names (a state, a type): any value the server sends is kept.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal interface IStringValue<T>
{
    static abstract T From(string value);

    string Value { get; }
}

/// <summary>Reads and writes an open set of names as a JSON string.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StringValueConverter<T> : JsonConverter<T>
    where T : struct, IStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.GetString() ?? throw new JsonException($"A {typeof(T).Name} cannot be null."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
