using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>Source-generated JSON for the files of the embedded vector store.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CollectionSchema))]
internal sealed partial class VectorDataJsonContext : JsonSerializerContext;
