using System.Text.Json;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.ObjectStore;

namespace AiPlatform.Sdk.Data;

/// <summary>The Data layer's own JSON shapes, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LocalObjectHeader))]
internal sealed partial class DataJsonContext : JsonSerializerContext;
