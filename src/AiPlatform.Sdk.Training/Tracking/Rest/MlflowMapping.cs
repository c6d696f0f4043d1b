namespace AiPlatform.Sdk.Training.Tracking.Rest;

/// <summary>Converts between the SDK's tracking models and MLflow's wire format.</summary>
internal static class MlflowMapping
{
    public static string Status(RunStatus status) => status.ToString().ToUpperInvariant();

    public static RunStatus Status(string status) => Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
        ? parsed
        : throw TrackingErrors.Invalid("UpdateRun", $"Unknown run status '{status}': RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static List<KeyValueDto>? Pairs(IEnumerable<KeyValuePair<string, string>>? pairs) =>
        pairs is null ? null : [.. pairs.Select(p => new KeyValueDto(p.Key, p.Value))];

    public static Dictionary<string, string> Dictionary(IEnumerable<KeyValueDto>? pairs) =>
        (pairs ?? []).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty, StringComparer.Ordinal);

    public static MetricDto ToDto(Metric metric) => new(metric.Key, metric.Value, Millis(metric.Timestamp), metric.Step);

    public static Metric ToModel(MetricDto metric) => new(metric.Key, metric.Value, Time(metric.Timestamp), metric.Step);

    public static Experiment ToModel(ExperimentDto e) => new(
        e.ExperimentId, e.Name, e.ArtifactLocation, e.LifecycleStage ?? "active",
        e.CreationTime is { } created ? Time(created) : null, e.LastUpdateTime is { } updated ? Time(updated) : null, Dictionary(e.Tags));

    public static ExperimentDto ToDto(Experiment e) => new(
        e.Id, e.Name, e.ArtifactLocation, e.LifecycleStage, e.LastUpdateTime is { } u ? Millis(u) : null,
        e.CreationTime is { } c ? Millis(c) : null, Pairs(e.Tags));

    public static RunInfo ToModel(RunInfoDto i) => new(
        string.IsNullOrEmpty(i.RunId) ? i.RunUuid : i.RunId, i.ExperimentId, i.RunName, Status(i.Status), Time(i.StartTime),
        i.EndTime is { } end && end > 0 ? Time(end) : null, i.ArtifactUri, i.UserId);

    public static RunInfoDto ToDto(RunInfo i) => new(
        i.RunId, i.RunId, i.RunName, i.ExperimentId, i.UserId, Status(i.Status), Millis(i.StartTime), i.EndTime is { } end ? Millis(end) : null,
        i.ArtifactUri, "active");

    public static Run ToModel(RunDto r) => new(
        ToModel(r.Info), [.. (r.Data?.Metrics ?? []).Select(ToModel)], Dictionary(r.Data?.Params), Dictionary(r.Data?.Tags));

    public static RunDto ToDto(Run r) => new(ToDto(r.Info), new RunDataDto([.. r.Metrics.Select(ToDto)], Pairs(r.Params), Pairs(r.Tags)));
}
