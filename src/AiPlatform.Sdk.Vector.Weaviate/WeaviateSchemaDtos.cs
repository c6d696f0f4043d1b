using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>A Weaviate class (collection) as the REST schema API describes it.</summary>
internal sealed class WeaviateClassDto
{
    [JsonPropertyName("class")]
    public string Class { get; set; } = "";

    [JsonPropertyName("properties")]
    public List<WeaviatePropertyDto>? Properties { get; set; }

    [JsonPropertyName("vectorConfig")]
    public Dictionary<string, WeaviateVectorConfigDto>? VectorConfig { get; set; }

    [JsonPropertyName("multiTenancyConfig")]
    public WeaviateMultiTenancyDto? MultiTenancyConfig { get; set; }
}

/// <summary>A property of a <see cref="WeaviateClassDto"/>.</summary>
internal sealed class WeaviatePropertyDto
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("dataType")]
    public List<string> DataType { get; set; } = [];

    [JsonPropertyName("indexFilterable")]
    public bool? IndexFilterable { get; set; }

    [JsonPropertyName("indexSearchable")]
    public bool? IndexSearchable { get; set; }
}

/// <summary>One named vector of a <see cref="WeaviateClassDto"/>: brought by the client (vectorizer <c>none</c>).</summary>
internal sealed class WeaviateVectorConfigDto
{
    [JsonPropertyName("vectorizer")]
    public Dictionary<string, WeaviateEmptyDto> Vectorizer { get; set; } = new() { ["none"] = new() };

    [JsonPropertyName("vectorIndexType")]
    public string VectorIndexType { get; set; } = "hnsw";

    [JsonPropertyName("vectorIndexConfig")]
    public WeaviateVectorIndexConfigDto VectorIndexConfig { get; set; } = new();
}

/// <summary>The index settings of a named vector.</summary>
internal sealed class WeaviateVectorIndexConfigDto
{
    [JsonPropertyName("distance")]
    public string Distance { get; set; } = "cosine";
}

/// <summary>Multi-tenancy of a class.</summary>
internal sealed class WeaviateMultiTenancyDto
{
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }
}

/// <summary>An empty JSON object.</summary>
internal sealed class WeaviateEmptyDto;

/// <summary>The answer of <c>GET /v1/schema</c>.</summary>
internal sealed class WeaviateSchemaDto
{
    [JsonPropertyName("classes")]
    public List<WeaviateClassDto>? Classes { get; set; }
}

/// <summary>A tenant of a multi-tenant class.</summary>
internal sealed class WeaviateTenantDto
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

/// <summary>An object as <c>GET /v1/objects/{class}/{id}</c> returns it.</summary>
internal sealed class WeaviateObjectDto
{
    [JsonPropertyName("class")]
    public string? Class { get; set; }

    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    [JsonPropertyName("vectors")]
    public Dictionary<string, float[]>? Vectors { get; set; }
}

/// <summary>Source-generated JSON for Weaviate's REST API.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WeaviateClassDto))]
[JsonSerializable(typeof(WeaviateSchemaDto))]
[JsonSerializable(typeof(WeaviateObjectDto))]
[JsonSerializable(typeof(List<WeaviateTenantDto>))]
internal sealed partial class WeaviateJsonContext : JsonSerializerContext;
