namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>
/// Kubeflow Pipelines' v2beta1 API, for what goes beyond one job (<see cref="ITrainingJobs"/> covers those): experiments, pipeline
/// uploads and versions, runs from a version or an inline spec with runtime parameters, run management, recurring runs. Registered
/// with <c>AddTrainingJobs()</c> when <c>AiPlatform:Training:Jobs:Kind</c> is <c>Kubeflow</c>, on the same endpoint, namespace and
/// user identity. Failures are <see cref="AiPlatformException"/>s with KFP's message (<see cref="AiPlatformNotFoundException"/> for an
/// unknown id, <see cref="AiPlatformForbiddenException"/> when the user identity may not use the namespace).
/// </summary>
public interface IKubeflowPipelines
{
    /// <summary>Checks the API server; returns whether the deployment is multi-user.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for a multi-user deployment.</returns>
    Task<bool> IsMultiUserAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an experiment in the configured namespace.</summary>
    /// <param name="displayName">Its name.</param>
    /// <param name="description">Its description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The experiment.</returns>
    Task<KubeflowExperiment> CreateExperimentAsync(string displayName, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the namespace's experiments, page by page underneath.</summary>
    /// <param name="filter">A KFP filter (the JSON of its <c>Filter</c> message), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The experiments.</returns>
    IAsyncEnumerable<KubeflowExperiment> ListExperimentsAsync(string? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a compiled pipeline (YAML, JSON, zip or tar.gz) as a new pipeline, streamed.</summary>
    /// <param name="displayName">The pipeline's name.</param>
    /// <param name="package">The compiled pipeline.</param>
    /// <param name="fileName">Its file name (the extension tells KFP its format).</param>
    /// <param name="description">Its description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pipeline.</returns>
    Task<KubeflowPipeline> UploadPipelineAsync(string displayName, Stream package, string fileName, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a new version of a pipeline, streamed.</summary>
    /// <param name="pipelineId">The pipeline.</param>
    /// <param name="displayName">The version's name.</param>
    /// <param name="package">The compiled pipeline.</param>
    /// <param name="fileName">Its file name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<KubeflowPipelineVersion> UploadPipelineVersionAsync(string pipelineId, string displayName, Stream package, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Lists a pipeline's versions.</summary>
    /// <param name="pipelineId">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The versions.</returns>
    IAsyncEnumerable<KubeflowPipelineVersion> ListPipelineVersionsAsync(string pipelineId, CancellationToken cancellationToken = default);

    /// <summary>Creates a run.</summary>
    /// <param name="request">The run: its pipeline version or inline spec, parameters and experiment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run as created.</returns>
    /// <exception cref="ArgumentException">Neither a pipeline version nor an inline spec is given, or both are.</exception>
    Task<KubeflowRun> CreateRunAsync(KubeflowRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    Task<KubeflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists runs of the namespace, newest first unless <see cref="KubeflowRunQuery.SortBy"/> says otherwise.</summary>
    /// <param name="query">The experiment, filter and sort order; <see langword="null"/> for every run.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The runs.</returns>
    IAsyncEnumerable<KubeflowRun> ListRunsAsync(KubeflowRunQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Terminates a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task TerminateRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Retries a failed run from its failed steps.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RetryRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Archives a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ArchiveRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Creates a recurring run, enabled.</summary>
    /// <param name="request">The pipeline version, trigger, parameters and concurrency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recurring run.</returns>
    /// <exception cref="ArgumentException">Not exactly one of a cron schedule and an interval.</exception>
    Task<KubeflowRecurringRun> CreateRecurringRunAsync(KubeflowRecurringRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the namespace's recurring runs.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The recurring runs.</returns>
    IAsyncEnumerable<KubeflowRecurringRun> ListRecurringRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns a recurring run's trigger on or off.</summary>
    /// <param name="recurringRunId">The recurring run.</param>
    /// <param name="enabled">Whether its trigger runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetRecurringRunEnabledAsync(string recurringRunId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Deletes a recurring run.</summary>
    /// <param name="recurringRunId">The recurring run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken = default);
}
