using System.Text.Json;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.ObjectStore;

namespace AiPlatform.Sdk.AspNetCore.Data;

/// <summary>The result of <c>POST /v1/events/{topic}</c>.</summary>
internal sealed record PublishedEvent(string Topic, string Type, int Version, string? Key);

/// <summary>The JSON shapes of the data endpoints.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ObjectInfo))]
[JsonSerializable(typeof(IAsyncEnumerable<ObjectInfo>))]
[JsonSerializable(typeof(PublishedEvent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DataHostJsonContext : JsonSerializerContext;
