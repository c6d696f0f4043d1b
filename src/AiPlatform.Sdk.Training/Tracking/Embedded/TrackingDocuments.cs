using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Tracking.Embedded;

/// <summary>An experiment as the embedded store keeps it.</summary>
internal sealed class ExperimentDocument
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? ArtifactLocation { get; set; }

    public string LifecycleStage { get; set; } = "active";

    public long CreationTime { get; set; }

    public long LastUpdateTime { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A run with its params, tags and the latest value of each metric.</summary>
internal sealed class RunDocument
{
    public required string RunId { get; init; }

    public required string ExperimentId { get; init; }

    public string? RunName { get; set; }

    public string Status { get; set; } = "RUNNING";

    public long StartTime { get; set; }

    public long? EndTime { get; set; }

    public string? ArtifactUri { get; set; }

    public string? UserId { get; set; }

    public Dictionary<string, string> Params { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, MetricPoint> LatestMetrics { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Every value logged for one metric of one run, in logging order.</summary>
internal sealed class MetricHistoryDocument
{
    public required string RunId { get; init; }

    public required string Key { get; init; }

    public List<MetricPoint> Points { get; set; } = [];
}

/// <summary>One logged value.</summary>
internal sealed record MetricPoint(double Value, long Timestamp, long Step);

/// <summary>The next experiment id (MLflow's ids are consecutive decimal strings; <c>0</c> is the Default experiment).</summary>
internal sealed class SequenceDocument
{
    public long Next { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ExperimentDocument))]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(MetricHistoryDocument))]
[JsonSerializable(typeof(SequenceDocument))]
internal sealed partial class TrackingDocumentsJsonContext : JsonSerializerContext;
