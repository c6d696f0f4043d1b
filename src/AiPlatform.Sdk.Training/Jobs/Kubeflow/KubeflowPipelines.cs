using System.Globalization;
using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary><see cref="IKubeflowPipelines"/> over the internal Refit API, in the configured namespace and default experiment.</summary>
internal sealed class KubeflowPipelines(IKubeflowApi api, KubeflowJobsSettings settings, ClientInstrumentation instrumentation) : IKubeflowPipelines, IReadinessProbe
{
    internal const string Service = "kubeflow-pipelines";
    private const int PageSize = 100;

    public Task ProbeAsync(CancellationToken cancellationToken) => IsMultiUserAsync(cancellationToken);

    public async Task<bool> IsMultiUserAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync("GetHealthz", null, api.GetHealthzAsync, cancellationToken).ConfigureAwait(false)).MultiUser ?? false;

    public async Task<KubeflowExperiment> CreateExperimentAsync(string displayName, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return ToModel(await CallAsync("CreateExperiment", null, ct => api.CreateExperimentAsync(new(null, displayName, description, settings.Namespace, null), ct), cancellationToken).ConfigureAwait(false));
    }

    public IAsyncEnumerable<KubeflowExperiment> ListExperimentsAsync(string? filter = null, CancellationToken cancellationToken = default) =>
        PagesAsync("ListExperiments", (token, ct) => api.ListExperimentsAsync(settings.Namespace, token, PageSize, filter, ct), p => (p.Experiments, p.NextPageToken), ToModel, cancellationToken);

    public async Task<KubeflowPipeline> UploadPipelineAsync(string displayName, Stream package, string fileName, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(package);
        using var form = Upload(package, fileName);
        var pipeline = await CallAsync("UploadPipeline", null, ct => api.UploadPipelineAsync(form, displayName, description, settings.Namespace, ct), cancellationToken).ConfigureAwait(false);
        return new KubeflowPipeline(pipeline.PipelineId ?? Missing("UploadPipeline", "pipeline_id"), pipeline.DisplayName ?? displayName, pipeline.CreatedAt);
    }

    public async Task<KubeflowPipelineVersion> UploadPipelineVersionAsync(string pipelineId, string displayName, Stream package, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(package);
        using var form = Upload(package, fileName);
        return ToModel(await CallAsync("UploadPipelineVersion", $"pipeline '{pipelineId}'", ct => api.UploadPipelineVersionAsync(form, pipelineId, displayName, ct), cancellationToken).ConfigureAwait(false));
    }

    public IAsyncEnumerable<KubeflowPipelineVersion> ListPipelineVersionsAsync(string pipelineId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineId);
        return PagesAsync("ListPipelineVersions", (token, ct) => api.ListPipelineVersionsAsync(pipelineId, token, PageSize, ct), p => (p.PipelineVersions, p.NextPageToken), ToModel, cancellationToken);
    }

    public async Task<KubeflowRun> CreateRunAsync(KubeflowRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.PipelineVersionId is null) == (request.PipelineSpec is null) || (request.PipelineVersionId is null) != (request.PipelineId is null))
        {
            throw new ArgumentException("A run needs either PipelineId and PipelineVersionId, or an inline PipelineSpec.", nameof(request));
        }

        var run = new RunWire
        {
            DisplayName = request.DisplayName,
            Description = request.Description,
            ExperimentId = request.ExperimentId ?? settings.ExperimentId,
            PipelineVersionReference = request.PipelineVersionId is null ? null : new(request.PipelineId, request.PipelineVersionId),
            PipelineSpec = request.PipelineSpec,
            RuntimeConfig = new(new(request.Parameters), request.PipelineRoot),
            ServiceAccount = request.ServiceAccount,
        };
        return ToModel(await CallAsync("CreateRun", null, ct => api.CreateRunAsync(run, ct), cancellationToken).ConfigureAwait(false));
    }

    public async Task<KubeflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return ToModel(await CallAsync("GetRun", $"run '{runId}'", ct => api.GetRunAsync(runId, ct), cancellationToken).ConfigureAwait(false));
    }

    public IAsyncEnumerable<KubeflowRun> ListRunsAsync(KubeflowRunQuery? query = null, CancellationToken cancellationToken = default) =>
        PagesAsync("ListRuns",
            (token, ct) => api.ListRunsAsync(settings.Namespace, query?.ExperimentId, token, PageSize, query?.SortBy ?? "created_at desc", query?.Filter, ct),
            p => (p.Runs, p.NextPageToken), ToModel, cancellationToken);

    public Task TerminateRunAsync(string runId, CancellationToken cancellationToken = default) => RunActionAsync("TerminateRun", runId, api.TerminateRunAsync, cancellationToken);

    public Task RetryRunAsync(string runId, CancellationToken cancellationToken = default) => RunActionAsync("RetryRun", runId, api.RetryRunAsync, cancellationToken);

    public Task ArchiveRunAsync(string runId, CancellationToken cancellationToken = default) => RunActionAsync("ArchiveRun", runId, api.ArchiveRunAsync, cancellationToken);

    public Task DeleteRunAsync(string runId, CancellationToken cancellationToken = default) => RunActionAsync("DeleteRun", runId, api.DeleteRunAsync, cancellationToken);

    public async Task<KubeflowRecurringRun> CreateRecurringRunAsync(KubeflowRecurringRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Cron is null) == (request.Interval is null))
        {
            throw new ArgumentException("A recurring run needs exactly one of Cron and Interval.", nameof(request));
        }

        var wire = new RecurringRunWire
        {
            DisplayName = request.DisplayName,
            PipelineVersionReference = new(request.PipelineId, request.PipelineVersionId),
            RuntimeConfig = new(new(request.Parameters), null),
            MaxConcurrency = request.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            Trigger = request.Cron is { } cron
                ? new(new(cron), null)
                : new(null, new(((long)request.Interval!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture))),
            Mode = "ENABLE",
            Namespace = settings.Namespace,
            ExperimentId = request.ExperimentId ?? settings.ExperimentId,
        };
        return ToModel(await CallAsync("CreateRecurringRun", null, ct => api.CreateRecurringRunAsync(wire, ct), cancellationToken).ConfigureAwait(false));
    }

    public IAsyncEnumerable<KubeflowRecurringRun> ListRecurringRunsAsync(CancellationToken cancellationToken = default) =>
        PagesAsync("ListRecurringRuns", (token, ct) => api.ListRecurringRunsAsync(settings.Namespace, token, PageSize, ct), p => (p.RecurringRuns, p.NextPageToken), ToModel, cancellationToken);

    public Task SetRecurringRunEnabledAsync(string recurringRunId, bool enabled, CancellationToken cancellationToken = default) =>
        RunActionAsync(enabled ? "EnableRecurringRun" : "DisableRecurringRun", recurringRunId, enabled ? api.EnableRecurringRunAsync : api.DisableRecurringRunAsync, cancellationToken, "recurring run");

    public Task DeleteRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken = default) =>
        RunActionAsync("DeleteRecurringRun", recurringRunId, api.DeleteRecurringRunAsync, cancellationToken, "recurring run");

    internal static KubeflowRun ToModel(RunWire run) => new(
        run.RunId ?? Missing("GetRun", "run_id"),
        run.DisplayName ?? string.Empty,
        run.ExperimentId,
        new KubeflowRunState(run.State ?? "RUNTIME_STATE_UNSPECIFIED"),
        run.CreatedAt,
        run.FinishedAt is { Year: > 1970 } finished ? finished : null,
        run.Error?.Message,
        run.StorageState == "ARCHIVED",
        run.Description);

    private async Task RunActionAsync(string operation, string id, Func<string, CancellationToken, Task> call, CancellationToken cancellationToken, string kind = "run")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await CallAsync(operation, $"{kind} '{id}'", async ct => { await call(id, ct).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TModel> PagesAsync<TPage, TWire, TModel>(
        string operation, Func<string?, CancellationToken, Task<TPage>> page, Func<TPage, (List<TWire>? Items, string? Next)> read, Func<TWire, TModel> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var (items, next) = read(await CallAsync(operation, null, ct => page(token, ct), cancellationToken).ConfigureAwait(false));
            foreach (var item in items ?? [])
            {
                yield return map(item);
            }

            token = next;
        }
        while (!string.IsNullOrEmpty(token));
    }

    private Task<T> CallAsync<T>(string operation, string? resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => JobErrors.Map(e, Service, operation, resource), cancellationToken: cancellationToken);

    private static MultipartFormDataContent Upload(Stream package, string fileName) => MultipartFiles.Create([("uploadfile", package, fileName, "application/octet-stream")]);

    private static string Missing(string operation, string field) =>
        throw new AiPlatformException(Service, operation, $"Kubeflow Pipelines answered without {field}.", errorCode: "MalformedResponse");

    private static KubeflowExperiment ToModel(ExperimentWire e) => new(e.ExperimentId ?? Missing("ListExperiments", "experiment_id"), e.DisplayName ?? string.Empty, e.Namespace, e.CreatedAt);

    private static KubeflowPipelineVersion ToModel(PipelineVersionWire v) =>
        new(v.PipelineId ?? string.Empty, v.PipelineVersionId ?? Missing("ListPipelineVersions", "pipeline_version_id"), v.DisplayName ?? string.Empty, v.CreatedAt);

    private static KubeflowRecurringRun ToModel(RecurringRunWire r) => new(
        r.RecurringRunId ?? Missing("ListRecurringRuns", "recurring_run_id"),
        r.DisplayName ?? string.Empty,
        r.Mode == "ENABLE",
        r.Trigger?.CronSchedule?.Cron,
        long.TryParse(r.Trigger?.PeriodicSchedule?.IntervalSecond, CultureInfo.InvariantCulture, out var seconds) ? seconds : null);
}
