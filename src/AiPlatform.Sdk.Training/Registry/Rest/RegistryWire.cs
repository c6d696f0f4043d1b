using System.Text.Json.Serialization;
using AiPlatform.Sdk.Training.Tracking.Rest;

namespace AiPlatform.Sdk.Training.Registry.Rest;

// MLflow's model registry REST API 2.0 wire format, from mlflow/protos/model_registry.proto (mlflow/mlflow, v2.x).

internal sealed record AliasDto(string Alias, string Version);

internal sealed record RegisteredModelDto(
    string Name, long? CreationTimestamp, long? LastUpdatedTimestamp, string? Description, List<KeyValueDto>? Tags, List<AliasDto>? Aliases,
    List<ModelVersionDto>? LatestVersions);

internal sealed record ModelVersionDto(
    string Name, string Version, long? CreationTimestamp, long? LastUpdatedTimestamp, string? CurrentStage, string? Description, string? Source,
    string? RunId, string? Status, List<KeyValueDto>? Tags, List<string>? Aliases);

internal sealed record CreateRegisteredModelRequest(string? Name, List<KeyValueDto>? Tags, string? Description);

internal sealed record RegisteredModelResponse(RegisteredModelDto RegisteredModel);

internal sealed record RenameRegisteredModelRequest(string? Name, string? NewName);

internal sealed record NameRequest(string? Name);

internal sealed record SearchRegisteredModelsRequest(string? Filter, long MaxResults, List<string>? OrderBy, string? PageToken);

internal sealed record SearchRegisteredModelsResponse(List<RegisteredModelDto>? RegisteredModels, string? NextPageToken);

internal sealed record ModelTagRequest(string? Name, string? Version, string? Key, string? Value);

internal sealed record CreateModelVersionRequest(string? Name, string? Source, string? RunId, List<KeyValueDto>? Tags, string? Description);

internal sealed record ModelVersionResponse(ModelVersionDto ModelVersion);

internal sealed record SearchModelVersionsResponse(List<ModelVersionDto>? ModelVersions, string? NextPageToken);

internal sealed record DownloadUriResponse(string ArtifactUri);

internal sealed record AliasRequest(string? Name, string? Alias, string? Version);

internal sealed record TransitionStageRequest(string? Name, string? Version, string? Stage, bool ArchiveExistingVersions);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CreateRegisteredModelRequest))]
[JsonSerializable(typeof(RegisteredModelResponse))]
[JsonSerializable(typeof(RenameRegisteredModelRequest))]
[JsonSerializable(typeof(NameRequest))]
[JsonSerializable(typeof(SearchRegisteredModelsRequest))]
[JsonSerializable(typeof(SearchRegisteredModelsResponse))]
[JsonSerializable(typeof(ModelTagRequest))]
[JsonSerializable(typeof(CreateModelVersionRequest))]
[JsonSerializable(typeof(ModelVersionResponse))]
[JsonSerializable(typeof(SearchModelVersionsResponse))]
[JsonSerializable(typeof(DownloadUriResponse))]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(TransitionStageRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
