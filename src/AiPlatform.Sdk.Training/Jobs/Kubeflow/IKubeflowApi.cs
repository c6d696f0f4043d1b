using Refit;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>
/// Kubeflow Pipelines' v2beta1 REST API as kubeflow/pipelines <c>backend/api/v2beta1/swagger/kfp_api_single_file.swagger.json</c>
/// declares it: paths, verbs, query parameters, bodies (proto field names on the wire), the multipart <c>uploadfile</c> part.
/// </summary>
internal interface IKubeflowApi
{
    [Get("/apis/v2beta1/healthz")]
    Task<HealthzWire> GetHealthzAsync(CancellationToken cancellationToken);

    [Post("/apis/v2beta1/experiments")]
    Task<ExperimentWire> CreateExperimentAsync([Body] ExperimentWire experiment, CancellationToken cancellationToken);

    [Get("/apis/v2beta1/experiments")]
    Task<ListExperimentsWire> ListExperimentsAsync(
        [AliasAs("namespace")] string? @namespace, [AliasAs("page_token")] string? pageToken, [AliasAs("page_size")] int pageSize, string? filter, CancellationToken cancellationToken);

    /// <summary>The form holds the part <c>uploadfile</c> (<see cref="Http.MultipartFiles"/>).</summary>
    [Post("/apis/v2beta1/pipelines/upload")]
    Task<PipelineWire> UploadPipelineAsync(
        [Body] MultipartFormDataContent form, [Query][AliasAs("display_name")] string displayName, [Query] string? description,
        [Query][AliasAs("namespace")] string? @namespace, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/pipelines/upload_version")]
    Task<PipelineVersionWire> UploadPipelineVersionAsync(
        [Body] MultipartFormDataContent form, [Query] string pipelineid, [Query][AliasAs("display_name")] string displayName, CancellationToken cancellationToken);

    [Get("/apis/v2beta1/pipelines/{pipelineId}/versions")]
    Task<ListPipelineVersionsWire> ListPipelineVersionsAsync(string pipelineId, [AliasAs("page_token")] string? pageToken, [AliasAs("page_size")] int pageSize, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/runs")]
    Task<RunWire> CreateRunAsync([Body] RunWire run, CancellationToken cancellationToken);

    [Get("/apis/v2beta1/runs/{runId}")]
    Task<RunWire> GetRunAsync(string runId, CancellationToken cancellationToken);

    [Get("/apis/v2beta1/runs")]
    Task<ListRunsWire> ListRunsAsync(
        [AliasAs("namespace")] string? @namespace, [AliasAs("experiment_id")] string? experimentId, [AliasAs("page_token")] string? pageToken,
        [AliasAs("page_size")] int pageSize, [AliasAs("sort_by")] string? sortBy, string? filter, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/runs/{runId}:terminate")]
    Task TerminateRunAsync(string runId, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/runs/{runId}:retry")]
    Task RetryRunAsync(string runId, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/runs/{runId}:archive")]
    Task ArchiveRunAsync(string runId, CancellationToken cancellationToken);

    [Delete("/apis/v2beta1/runs/{runId}")]
    Task DeleteRunAsync(string runId, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/recurringruns")]
    Task<RecurringRunWire> CreateRecurringRunAsync([Body] RecurringRunWire recurringRun, CancellationToken cancellationToken);

    [Get("/apis/v2beta1/recurringruns")]
    Task<ListRecurringRunsWire> ListRecurringRunsAsync(
        [AliasAs("namespace")] string? @namespace, [AliasAs("page_token")] string? pageToken, [AliasAs("page_size")] int pageSize, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/recurringruns/{recurringRunId}:enable")]
    Task EnableRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken);

    [Post("/apis/v2beta1/recurringruns/{recurringRunId}:disable")]
    Task DisableRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken);

    [Delete("/apis/v2beta1/recurringruns/{recurringRunId}")]
    Task DeleteRecurringRunAsync(string recurringRunId, CancellationToken cancellationToken);
}
