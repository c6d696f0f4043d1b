using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Training.Tracking.Rest;

/// <summary>The tracker over an MLflow server's REST API 2.0 (MLflow itself, Databricks, GitLab's MLflow-compatible API, or the platform's own server).</summary>
internal sealed class MlflowTracker(IMlflowApi api, ClientInstrumentation instrumentation) : IExperimentTracker, IReadinessProbe
{
    public Task ProbeAsync(CancellationToken cancellationToken) => CallAsync("SearchExperiments", ct => api.ProbeAsync(1, ct), cancellationToken);

    private const int PageSize = 1000;

    public async Task<string> CreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var response = await CallAsync("CreateExperiment", ct => api.CreateExperimentAsync(new(name, null, MlflowMapping.Pairs(tags)), ct), cancellationToken)
            .ConfigureAwait(false);
        return response.ExperimentId;
    }

    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        var response = await CallAsync("GetExperiment", ct => api.GetExperimentAsync(experimentId, ct), cancellationToken).ConfigureAwait(false);
        return MlflowMapping.ToModel(response.Experiment);
    }

    public async Task<Experiment?> FindExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var response = await CallAsync("GetExperimentByName", ct => api.GetExperimentByNameAsync(name, ct), cancellationToken).ConfigureAwait(false);
            return MlflowMapping.ToModel(response.Experiment);
        }
        catch (AiPlatformNotFoundException)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<Experiment> SearchExperimentsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await CallAsync(
                "SearchExperiments", ct => api.SearchExperimentsAsync(new(PageSize, token, null, null, "ACTIVE_ONLY"), ct), cancellationToken).ConfigureAwait(false);
            foreach (var experiment in page.Experiments ?? [])
            {
                yield return MlflowMapping.ToModel(experiment);
            }

            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
        return CallAsync("SetExperimentTag", ct => api.SetExperimentTagAsync(new(experimentId, key, value), ct), cancellationToken);
    }

    public async Task<Run> CreateRunAsync(
        string experimentId, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        var request = new CreateRunRequest(experimentId, null, runName, MlflowMapping.Millis(DateTimeOffset.UtcNow), MlflowMapping.Pairs(tags));
        var response = await CallAsync("CreateRun", ct => api.CreateRunAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return MlflowMapping.ToModel(response.Run);
    }

    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        long? end = status is RunStatus.Running or RunStatus.Scheduled ? null : MlflowMapping.Millis(DateTimeOffset.UtcNow);
        var response = await CallAsync(
            "UpdateRun", ct => api.UpdateRunAsync(new(runId, runId, MlflowMapping.Status(status), end, null), ct), cancellationToken).ConfigureAwait(false);
        return MlflowMapping.ToModel(response.RunInfo);
    }

    public async Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var response = await CallAsync("GetRun", ct => api.GetRunAsync(runId, ct), cancellationToken).ConfigureAwait(false);
        return MlflowMapping.ToModel(response.Run);
    }

    public async IAsyncEnumerable<Run> SearchRunsAsync(RunQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? token = null;
        do
        {
            var request = new SearchRunsRequest([.. query.ExperimentIds], query.Filter, "ACTIVE_ONLY", query.PageSize, [.. query.OrderBy], token);
            var page = await CallAsync("SearchRuns", ct => api.SearchRunsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var run in page.Runs ?? [])
            {
                yield return MlflowMapping.ToModel(run);
            }

            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public async Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var (m, p, t) = Validated(metrics, parameters, tags);
        foreach (var batch in TrackingLimits.Split(m, p, t))
        {
            var request = new LogBatchRequest(
                runId, [.. batch.Metrics.Select(MlflowMapping.ToDto)], MlflowMapping.Pairs(batch.Params), MlflowMapping.Pairs(batch.Tags));
            await CallAsync("LogBatch", ct => api.LogBatchAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var history = new List<Metric>();
        string? token = null;
        do
        {
            var page = await CallAsync("GetMetricHistory", ct => api.GetMetricHistoryAsync(runId, key, token, ct), cancellationToken).ConfigureAwait(false);
            history.AddRange((page.Metrics ?? []).Select(MlflowMapping.ToModel));
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return history;
    }

    /// <summary>Checks every key and value before anything is sent, so that a bad item fails the whole call and logs nothing.</summary>
    internal static (Metric[] Metrics, KeyValuePair<string, string>[] Params, KeyValuePair<string, string>[] Tags) Validated(
        IReadOnlyList<Metric>? metrics, IReadOnlyDictionary<string, string>? parameters, IReadOnlyDictionary<string, string>? tags)
    {
        foreach (var metric in metrics ?? [])
        {
            TrackingLimits.Validate("metric", metric.Key, null, 0);
        }

        foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
        {
            TrackingLimits.Validate("param", key, value, TrackingLimits.MaxParamValueLength);
        }

        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
        }

        return ([.. metrics ?? []], [.. parameters ?? new Dictionary<string, string>()], [.. tags ?? new Dictionary<string, string>()]);
    }

    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => TrackingErrors.FromServer(e, operation), cancellationToken: cancellationToken);
}
