namespace AiPlatform.Sdk.Training.Tracking;

// Stand-ins for the Training package's experiment tracking.
public sealed record Metric(string Key, double Value, DateTimeOffset Timestamp, long Step = 0);

public interface IExperimentTracker
{
    Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default);
}

public sealed class ActiveRun : IAsyncDisposable
{
    public string RunId { get; } = Guid.NewGuid().ToString("N");

    public void LogMetric(string key, double value, long step = 0)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public static class ExperimentTrackerExtensions
{
    public static Task<ActiveRun> StartRunAsync(
        this IExperimentTracker tracker, string experimentName, string? runName = null, TimeSpan? metricFlushInterval = null,
        CancellationToken cancellationToken = default) => Task.FromResult(new ActiveRun());
}
