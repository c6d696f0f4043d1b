using AiPlatform.Sdk.Training.Tracking.Rest;

namespace AiPlatform.Sdk.Training.Registry.Rest;

/// <summary>Converts between the registry's models and MLflow's wire format.</summary>
internal static class RegistryMapping
{
    public static RegisteredModel ToModel(RegisteredModelDto m) => new(
        m.Name, m.Description, MlflowMapping.Time(m.CreationTimestamp ?? 0), MlflowMapping.Time(m.LastUpdatedTimestamp ?? 0),
        MlflowMapping.Dictionary(m.Tags), (m.Aliases ?? []).ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal));

    public static RegisteredModelDto ToDto(RegisteredModel m) => new(
        m.Name, MlflowMapping.Millis(m.CreationTime), MlflowMapping.Millis(m.LastUpdatedTime), m.Description, MlflowMapping.Pairs(m.Tags),
        [.. m.Aliases.Select(a => new AliasDto(a.Key, a.Value))], null);

    public static ModelVersion ToModel(ModelVersionDto v) => new(
        v.Name, v.Version, v.Source ?? string.Empty, string.IsNullOrEmpty(v.RunId) ? null : v.RunId, v.Description, v.CurrentStage ?? "None",
        MlflowMapping.Time(v.CreationTimestamp ?? 0), MlflowMapping.Time(v.LastUpdatedTimestamp ?? 0), MlflowMapping.Dictionary(v.Tags), v.Aliases ?? []);

    public static ModelVersionDto ToDto(ModelVersion v) => new(
        v.Name, v.Version, MlflowMapping.Millis(v.CreationTime), MlflowMapping.Millis(v.LastUpdatedTime), v.Stage, v.Description, v.Source, v.RunId,
        "READY", MlflowMapping.Pairs(v.Tags), [.. v.Aliases]);
}
