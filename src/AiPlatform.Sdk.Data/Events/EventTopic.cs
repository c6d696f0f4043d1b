using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>A typed topic: its name, the payload's source-generated JSON contract, and its schema name and version.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Name">The topic name.</param>
/// <param name="JsonTypeInfo">The payload's JSON contract from a <c>JsonSerializerContext</c>.</param>
/// <param name="SchemaVersion">The schema version written to each event; default 1.</param>
public sealed record EventTopic<T>(string Name, JsonTypeInfo<T> JsonTypeInfo, int SchemaVersion = 1)
{
    /// <summary>The schema name written to each event: the payload type's name.</summary>
    public string SchemaName => typeof(T).Name;
}
