using System.Globalization;
using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Training.Tracking.Embedded;

/// <summary>
/// The tracker with no MLflow server: experiments, runs and metric histories in the Data layer's document store (the embedded file
/// store by default, PostgreSQL or MongoDB when configured). Changes go through optimistic concurrency, so concurrent writers to one
/// run lose nothing; a value is acknowledged only once stored.
/// </summary>
internal sealed class EmbeddedTracker(
    IDocumentStore<ExperimentDocument> experiments,
    IDocumentStore<RunDocument> runs,
    IDocumentStore<MetricHistoryDocument> histories,
    IDocumentStore<SequenceDocument> sequences,
    ClientInstrumentation instrumentation,
    TimeProvider time) : IExperimentTracker, IReadinessProbe
{
    public const string DefaultExperimentId = "0";
    private const string DefaultExperimentName = "Default";
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public Task ProbeAsync(CancellationToken cancellationToken) => GetExperimentAsync(DefaultExperimentId, cancellationToken);

    public Task<string> CreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        RunAsync("CreateExperiment", async ct =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw TrackingErrors.Invalid("CreateExperiment", "Missing value for required parameter 'name'.");
            }

            await EnsureDefaultAsync(ct).ConfigureAwait(false);
            if (await FindAsync(name, ct).ConfigureAwait(false) is not null)
            {
                throw TrackingErrors.AlreadyExists("CreateExperiment", $"Experiment '{name}' already exists.");
            }

            var id = await NextIdAsync(ct).ConfigureAwait(false);
            await InsertExperimentAsync(id, name, tags ?? NoTags, ct).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default) =>
        RunAsync("GetExperiment", async ct =>
        {
            await EnsureDefaultAsync(ct).ConfigureAwait(false);
            return ToModel(await LoadExperimentAsync(experimentId, "GetExperiment", ct).ConfigureAwait(false));
        }, cancellationToken);

    public Task<Experiment?> FindExperimentAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync("GetExperimentByName", async ct =>
        {
            await EnsureDefaultAsync(ct).ConfigureAwait(false);
            return await FindAsync(name, ct).ConfigureAwait(false) is { } found ? ToModel(found) : null;
        }, cancellationToken);

    public async IAsyncEnumerable<Experiment> SearchExperimentsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureDefaultAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<ExperimentDocument>();
        await foreach (var document in experiments.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(document.Document);
        }

        foreach (var experiment in all.Where(e => e.LifecycleStage == "active").OrderBy(e => long.Parse(e.Id, CultureInfo.InvariantCulture)))
        {
            yield return ToModel(experiment);
        }
    }

    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default) =>
        RunAsync("SetExperimentTag", async ct =>
        {
            TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
            await EnsureDefaultAsync(ct).ConfigureAwait(false);
            await UpdateAsync(experiments, experimentId, "SetExperimentTag", e =>
            {
                e.Tags[key] = value;
                e.LastUpdateTime = Now();
            }, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<Run> CreateRunAsync(
        string experimentId, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        RunAsync("CreateRun", async ct =>
        {
            await EnsureDefaultAsync(ct).ConfigureAwait(false);
            var experiment = await LoadExperimentAsync(experimentId, "CreateRun", ct).ConfigureAwait(false);
            var runId = Guid.NewGuid().ToString("N");
            var run = new RunDocument
            {
                RunId = runId,
                ExperimentId = experiment.Id,
                RunName = string.IsNullOrWhiteSpace(runName) ? $"run-{runId[..8]}" : runName,
                StartTime = Now(),
                ArtifactUri = $"{experiment.ArtifactLocation}/{runId}/artifacts",
            };
            foreach (var (key, value) in tags ?? NoTags)
            {
                TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
                run.Tags[key] = value;
            }

            run.Tags["mlflow.runName"] = run.RunName;
            if (run.Tags.TryGetValue("mlflow.user", out var user))
            {
                run.UserId = user;
            }

            await runs.InsertAsync(runId, run, ct).ConfigureAwait(false);
            return ToModel(run);
        }, cancellationToken);

    public Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default) =>
        RunAsync("UpdateRun", async ct =>
        {
            var updated = await UpdateAsync(runs, runId, "UpdateRun", r =>
            {
                r.Status = Rest.MlflowMapping.Status(status);
                r.EndTime = status is RunStatus.Running or RunStatus.Scheduled ? null : Now();
            }, ct).ConfigureAwait(false);
            return ToModel(updated).Info;
        }, cancellationToken);

    public Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        RunAsync("GetRun", async ct => ToModel(await LoadRunAsync(runId, "GetRun", ct).ConfigureAwait(false)), cancellationToken);

    public async IAsyncEnumerable<Run> SearchRunsAsync(RunQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var run in await SearchAsync(query.ExperimentIds, query.Filter, query.OrderBy, cancellationToken).ConfigureAwait(false))
        {
            yield return ToModel(run);
        }
    }

    /// <summary>Every matching run, filtered and ordered as MLflow's stores do (the server pages the result).</summary>
    public Task<List<RunDocument>> SearchAsync(
        IReadOnlyList<string> experimentIds, string? filter, IReadOnlyList<string> orderBy, CancellationToken cancellationToken) =>
        RunAsync("SearchRuns", async ct =>
        {
            var parsed = RunFilter.Parse(filter);
            var ids = experimentIds.ToHashSet(StringComparer.Ordinal);
            var matching = new List<RunDocument>();
            var query = Collections.RunCollection.Query()
                .Where(f => f.In(r => r.ExperimentId, [.. ids]));
            await foreach (var document in runs.QueryAsync(query, ct).ConfigureAwait(false))
            {
                if (parsed.Matches(document.Document))
                {
                    matching.Add(document.Document);
                }
            }

            return RunOrder.Sort(matching, orderBy).ToList();
        }, cancellationToken);

    public Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("LogBatch", async ct =>
        {
            var (m, p, t) = Rest.MlflowTracker.Validated(metrics, parameters, tags);
            var run = await LoadRunAsync(runId, "LogBatch", ct).ConfigureAwait(false);
            foreach (var (key, value) in p)
            {
                if (run.Params.TryGetValue(key, out var logged) && logged != value)
                {
                    throw TrackingErrors.Invalid(
                        "LogBatch", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{logged}' for run ID='{runId}'. Attempted logging new value '{value}'.");
                }
            }

            // Histories first: a run document never names a latest value whose history was not stored.
            foreach (var group in m.GroupBy(x => x.Key, StringComparer.Ordinal))
            {
                var points = group.Select(x => new MetricPoint(x.Value, Rest.MlflowMapping.Millis(x.Timestamp), x.Step)).ToList();
                await AppendHistoryAsync(runId, group.Key, points, ct).ConfigureAwait(false);
            }

            await UpdateAsync(runs, runId, "LogBatch", r =>
            {
                foreach (var (key, value) in p)
                {
                    r.Params[key] = value;
                }

                foreach (var (key, value) in t)
                {
                    r.Tags[key] = value;
                    if (key == "mlflow.runName")
                    {
                        r.RunName = value;
                    }
                }

                foreach (var metric in m)
                {
                    var point = new MetricPoint(metric.Value, Rest.MlflowMapping.Millis(metric.Timestamp), metric.Step);
                    if (!r.LatestMetrics.TryGetValue(metric.Key, out var latest) || Later(point, latest))
                    {
                        r.LatestMetrics[metric.Key] = point;
                    }
                }
            }, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<Metric>>("GetMetricHistory", async ct =>
        {
            _ = await LoadRunAsync(runId, "GetMetricHistory", ct).ConfigureAwait(false);
            var history = await histories.GetAsync(HistoryId(runId, key), ct).ConfigureAwait(false);
            return [.. (history?.Document.Points ?? []).Select(p => new Metric(key, p.Value, Rest.MlflowMapping.Time(p.Timestamp), p.Step))];
        }, cancellationToken);

    /// <summary>MLflow's latest value: the highest step, then the latest timestamp, then the largest value.</summary>
    private static bool Later(MetricPoint candidate, MetricPoint current) =>
        (candidate.Step, candidate.Timestamp).CompareTo((current.Step, current.Timestamp)) switch
        {
            > 0 => true,
            < 0 => false,
            _ => candidate.Value >= current.Value || double.IsNaN(current.Value),
        };

    private static string HistoryId(string runId, string key) => $"{runId}:{key}";

    private async Task AppendHistoryAsync(string runId, string key, List<MetricPoint> points, CancellationToken ct)
    {
        var id = HistoryId(runId, key);
        while (true)
        {
            var current = await histories.GetAsync(id, ct).ConfigureAwait(false);
            try
            {
                if (current is null)
                {
                    await histories.InsertAsync(id, new MetricHistoryDocument { RunId = runId, Key = key, Points = points }, ct).ConfigureAwait(false);
                }
                else
                {
                    current.Document.Points.AddRange(points);
                    await histories.ReplaceAsync(id, current.Document, current.Version, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (AiPlatformConflictException)
            {
                // Another writer appended first: read again and append after it.
            }
        }
    }

    private static Task<T> UpdateAsync<T>(IDocumentStore<T> store, string id, string operation, Action<T> change, CancellationToken ct)
        where T : class =>
        DocumentUpdates.UpdateAsync(
            store, id, () => TrackingErrors.NotFound(operation, $"{(typeof(T) == typeof(RunDocument) ? "Run" : "Experiment")} '{id}' not found."), change, ct);

    private async Task<ExperimentDocument> LoadExperimentAsync(string experimentId, string operation, CancellationToken ct) =>
        (await experiments.GetAsync(experimentId, ct).ConfigureAwait(false))?.Document
        ?? throw TrackingErrors.NotFound(operation, $"Could not find experiment with ID {experimentId}");

    private async Task<RunDocument> LoadRunAsync(string runId, string operation, CancellationToken ct) =>
        (await runs.GetAsync(runId, ct).ConfigureAwait(false))?.Document
        ?? throw TrackingErrors.NotFound(operation, $"Run '{runId}' not found");

    private async Task<ExperimentDocument?> FindAsync(string name, CancellationToken ct)
    {
        var query = Collections.ExperimentCollection.Query()
            .Where(f => f.Eq(e => e.Name, name));
        await foreach (var found in experiments.QueryAsync(query, ct).ConfigureAwait(false))
        {
            return found.Document;
        }

        return null;
    }

    private async Task EnsureDefaultAsync(CancellationToken ct)
    {
        if (await experiments.GetAsync(DefaultExperimentId, ct).ConfigureAwait(false) is null)
        {
            try
            {
                await InsertExperimentAsync(DefaultExperimentId, DefaultExperimentName, NoTags, ct).ConfigureAwait(false);
            }
            catch (AiPlatformConflictException)
            {
                // Created by a concurrent caller.
            }
        }
    }

    private Task InsertExperimentAsync(string id, string name, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (var (key, value) in tags)
        {
            TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
        }

        var now = Now();
        return experiments.InsertAsync(id, new ExperimentDocument
        {
            Id = id,
            Name = name,
            ArtifactLocation = $"{Artifacts.ArtifactPaths.ProxyScheme}/{id}",
            CreationTime = now,
            LastUpdateTime = now,
            Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
        }, ct);
    }

    private async Task<string> NextIdAsync(CancellationToken ct)
    {
        const string key = "experiments";
        while (true)
        {
            var current = await sequences.GetAsync(key, ct).ConfigureAwait(false);
            try
            {
                if (current is null)
                {
                    await sequences.InsertAsync(key, new SequenceDocument { Next = 2 }, ct).ConfigureAwait(false);
                    return "1";
                }

                var id = current.Document.Next;
                current.Document.Next = id + 1;
                await sequences.ReplaceAsync(key, current.Document, current.Version, ct).ConfigureAwait(false);
                return id.ToString(CultureInfo.InvariantCulture);
            }
            catch (AiPlatformConflictException)
            {
                // Another writer took this id: take the next.
            }
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), cancellationToken: cancellationToken);

    private static Experiment ToModel(ExperimentDocument e) => new(
        e.Id, e.Name, e.ArtifactLocation, e.LifecycleStage, Rest.MlflowMapping.Time(e.CreationTime), Rest.MlflowMapping.Time(e.LastUpdateTime), e.Tags);

    internal static Run ToModel(RunDocument r) => new(
        new RunInfo(r.RunId, r.ExperimentId, r.RunName, Rest.MlflowMapping.Status(r.Status), Rest.MlflowMapping.Time(r.StartTime),
            r.EndTime is { } end ? Rest.MlflowMapping.Time(end) : null, r.ArtifactUri, r.UserId),
        [.. r.LatestMetrics.Select(m => new Metric(m.Key, m.Value.Value, Rest.MlflowMapping.Time(m.Value.Timestamp), m.Value.Step))],
        r.Params,
        r.Tags);
}
