using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

internal sealed record HealthzWire(bool? MultiUser);

internal sealed record ExperimentWire(string? ExperimentId, string? DisplayName, string? Description, string? Namespace, DateTimeOffset? CreatedAt);

internal sealed record ListExperimentsWire(List<ExperimentWire>? Experiments, string? NextPageToken);

internal sealed record PipelineWire(string? PipelineId, string? DisplayName, DateTimeOffset? CreatedAt);

internal sealed record PipelineVersionWire(string? PipelineId, string? PipelineVersionId, string? DisplayName, DateTimeOffset? CreatedAt);

internal sealed record ListPipelineVersionsWire(List<PipelineVersionWire>? PipelineVersions, string? NextPageToken);

internal sealed record PipelineVersionReferenceWire(string? PipelineId, string? PipelineVersionId);

internal sealed record RuntimeConfigWire(Dictionary<string, JsonNode?>? Parameters, string? PipelineRoot);

internal sealed record RpcStatusWire(int? Code, string? Message);

internal sealed record RunWire
{
    public string? RunId { get; init; }

    public string? ExperimentId { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public PipelineVersionReferenceWire? PipelineVersionReference { get; init; }

    public JsonObject? PipelineSpec { get; init; }

    public RuntimeConfigWire? RuntimeConfig { get; init; }

    public string? ServiceAccount { get; init; }

    public string? StorageState { get; init; }

    public string? State { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public RpcStatusWire? Error { get; init; }
}

internal sealed record ListRunsWire(List<RunWire>? Runs, string? NextPageToken);

internal sealed record CronScheduleWire(string? Cron);

internal sealed record PeriodicScheduleWire(string? IntervalSecond);

internal sealed record TriggerWire(CronScheduleWire? CronSchedule, PeriodicScheduleWire? PeriodicSchedule);

internal sealed record RecurringRunWire
{
    public string? RecurringRunId { get; init; }

    public string? DisplayName { get; init; }

    public PipelineVersionReferenceWire? PipelineVersionReference { get; init; }

    public RuntimeConfigWire? RuntimeConfig { get; init; }

    public string? MaxConcurrency { get; init; }

    public TriggerWire? Trigger { get; init; }

    public string? Mode { get; init; }

    public string? Namespace { get; init; }

    public string? ExperimentId { get; init; }
}

/// <summary>The list answer; the definition names its list <c>recurringRuns</c> (camel case, unlike every other field).</summary>
internal sealed record ListRecurringRunsWire([property: JsonPropertyName("recurringRuns")] List<RecurringRunWire>? RecurringRuns, string? NextPageToken);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HealthzWire))]
[JsonSerializable(typeof(ExperimentWire))]
[JsonSerializable(typeof(ListExperimentsWire))]
[JsonSerializable(typeof(PipelineWire))]
[JsonSerializable(typeof(PipelineVersionWire))]
[JsonSerializable(typeof(ListPipelineVersionsWire))]
[JsonSerializable(typeof(RunWire))]
[JsonSerializable(typeof(ListRunsWire))]
[JsonSerializable(typeof(RecurringRunWire))]
[JsonSerializable(typeof(ListRecurringRunsWire))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class KubeflowJsonContext : JsonSerializerContext;
