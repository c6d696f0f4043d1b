using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Documents;

namespace AiPlatform.Sdk.Training.Registry.Embedded;

/// <summary>A registered model as the embedded store keeps it, with its aliases and the last version number given out.</summary>
internal sealed class RegisteredModelDocument
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public long CreationTime { get; set; }

    public long LastUpdatedTime { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.Ordinal);

    public long LatestVersion { get; set; }
}

/// <summary>One model version.</summary>
internal sealed class ModelVersionDocument
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string Source { get; init; }

    public string? RunId { get; init; }

    public string? Description { get; set; }

    public string Stage { get; set; } = RegistryStages.None;

    public long CreationTime { get; set; }

    public long LastUpdatedTime { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}

[JsonSerializable(typeof(RegisteredModelDocument))]
[JsonSerializable(typeof(ModelVersionDocument))]
internal sealed partial class RegistryDocumentsJsonContext : JsonSerializerContext;

/// <summary>The embedded registry's document collections.</summary>
internal static class RegistryCollections
{
    public static readonly DocumentCollection<RegisteredModelDocument> Models =
        new("mlflow-registered-models", RegistryDocumentsJsonContext.Default.RegisteredModelDocument);

    public static readonly DocumentCollection<ModelVersionDocument> Versions =
        new DocumentCollection<ModelVersionDocument>("mlflow-model-versions", RegistryDocumentsJsonContext.Default.ModelVersionDocument).HasIndex(v => v.Name);
}
