using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Tracking.Rest;

// MLflow's REST API 2.0 wire format, from mlflow/protos/service.proto (mlflow/mlflow, v2.x): field names in snake_case, int64 as
// JSON numbers, repeated key/value messages for tags and params. Shared by the client and the server's MLflow endpoints.

internal sealed record KeyValueDto(string Key, string? Value);

internal sealed record MetricDto(string Key, double Value, long Timestamp, long Step);

internal sealed record ExperimentDto(
    string ExperimentId, string Name, string? ArtifactLocation, string? LifecycleStage, long? LastUpdateTime, long? CreationTime, List<KeyValueDto>? Tags);

internal sealed record RunInfoDto(
    string RunId, string RunUuid, string? RunName, string ExperimentId, string? UserId, string Status, long StartTime, long? EndTime,
    string? ArtifactUri, string? LifecycleStage);

internal sealed record RunDataDto(List<MetricDto>? Metrics, List<KeyValueDto>? Params, List<KeyValueDto>? Tags);

internal sealed record RunDto(RunInfoDto Info, RunDataDto? Data);

internal sealed record CreateExperimentRequest(string Name, string? ArtifactLocation, List<KeyValueDto>? Tags);

internal sealed record CreateExperimentResponse(string ExperimentId);

internal sealed record ExperimentResponse(ExperimentDto Experiment);

internal sealed record SearchExperimentsRequest(long MaxResults, string? PageToken, string? Filter, List<string>? OrderBy, string? ViewType);

internal sealed record SearchExperimentsResponse(List<ExperimentDto>? Experiments, string? NextPageToken);

internal sealed record SetExperimentTagRequest(string ExperimentId, string Key, string Value);

internal sealed record CreateRunRequest(string ExperimentId, string? UserId, string? RunName, long StartTime, List<KeyValueDto>? Tags);

internal sealed record RunResponse(RunDto Run);

internal sealed record UpdateRunRequest(string RunId, string? RunUuid, string Status, long? EndTime, string? RunName);

internal sealed record UpdateRunResponse(RunInfoDto RunInfo);

internal sealed record SearchRunsRequest(
    List<string> ExperimentIds, string? Filter, string? RunViewType, long MaxResults, List<string>? OrderBy, string? PageToken);

internal sealed record SearchRunsResponse(List<RunDto>? Runs, string? NextPageToken);

internal sealed record LogBatchRequest(string RunId, List<MetricDto>? Metrics, List<KeyValueDto>? Params, List<KeyValueDto>? Tags);

internal sealed record LogMetricRequest(string? RunId, string? RunUuid, string? Key, double Value, long Timestamp, long Step);

internal sealed record KeyValueRequest(string? RunId, string? RunUuid, string? Key, string? Value);

internal sealed record MetricHistoryResponse(List<MetricDto>? Metrics, string? NextPageToken);

internal sealed record ArtifactFileDto(string Path, bool IsDir, long? FileSize);

internal sealed record ListArtifactsResponse(List<ArtifactFileDto>? Files);

internal sealed record EmptyResponse;

internal sealed record ErrorResponse(string ErrorCode, string Message);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CreateExperimentRequest))]
[JsonSerializable(typeof(CreateExperimentResponse))]
[JsonSerializable(typeof(ExperimentResponse))]
[JsonSerializable(typeof(SearchExperimentsRequest))]
[JsonSerializable(typeof(SearchExperimentsResponse))]
[JsonSerializable(typeof(SetExperimentTagRequest))]
[JsonSerializable(typeof(CreateRunRequest))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(UpdateRunRequest))]
[JsonSerializable(typeof(UpdateRunResponse))]
[JsonSerializable(typeof(SearchRunsRequest))]
[JsonSerializable(typeof(SearchRunsResponse))]
[JsonSerializable(typeof(LogBatchRequest))]
[JsonSerializable(typeof(LogMetricRequest))]
[JsonSerializable(typeof(KeyValueRequest))]
[JsonSerializable(typeof(MetricHistoryResponse))]
[JsonSerializable(typeof(ListArtifactsResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class MlflowJsonContext : JsonSerializerContext;
