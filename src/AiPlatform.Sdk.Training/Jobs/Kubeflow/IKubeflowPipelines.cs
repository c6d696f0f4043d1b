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
    Task<bool> IsMultiUserAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an experiment in the configured namespace.</summary>
    Task<KubeflowExperiment> CreateExperimentAsync(string displayName, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the namespace's experiments, page by page underneath.</summary>
    IAsyncEnumerable<KubeflowExperiment> ListExperimentsAsync(string? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a compiled pipeline (YAML, JSON, zip or tar.gz) as a new pipeline, streamed.</summary>
    Task<KubeflowPipeline> UploadPipelineAsync(string displayName, Stream package, string fileName, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a new version of a pipeline, streamed.</summary>
    Task<KubeflowPipelineVersion> UploadPipelineVersionAsync(string pipelineId, string displayName, Stream package, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Lists a pipeline's versions.</summary>
    IAsyncEnumerable<KubeflowPipelineVersion> ListPipelineVersionsAsync(string pipelineId, CancellationToken cancellationToken = default);

    /// <summary>Creates a run.</summary>
    /// <exception cref="ArgumentException">Neither a pipeline version nor an inline spec is given, or both are.</exception>
    Task<KubeflowRun> CreateRunAsync(KubeflowRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a run.</summary>
    Task<KubeflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists runs of the namespace, newest first unless <see cref="KubeflowRunQuery.SortBy"/> says otherwise.</summary>
    IAsyncEnumerable<KubeflowRun> ListRunsAsync(KubeflowRunQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Terminates a run.</summary>
    Task TerminateRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Retries a failed run from its failed steps.</summary>
    Task RetryRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Archives a run.</summary>
    Task ArchiveRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run.</summary>
    Task DeleteRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Creates a recurring run, enabled.</summary>
    /// <exception cref="ArgumentException">Not exactly one of a cron schedule and an interval.</exception>
    Task<KubeflowRecurringRun> CreateRecurringRunAsync(KubeflowRecurringRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the namespace's recurring runs.</summary>
    IAsyncEnumerable<KubeflowRecurringRun> ListRecurringRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns a recurring run's trigger on or off.</summary>
    Task SetRecurringRunEnabledAsync(string recurringRunId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Deletes a recurring run.</summary>
    Task DeleteRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken = default);
}
