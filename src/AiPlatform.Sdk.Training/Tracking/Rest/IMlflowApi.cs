using Refit;

namespace AiPlatform.Sdk.Training.Tracking.Rest;

/// <summary>The MLflow REST API 2.0 endpoints the tracker calls (paths and verbs as mlflow/protos/service.proto declares them).</summary>
internal interface IMlflowApi
{
    [Post("/api/2.0/mlflow/experiments/create")]
    Task<CreateExperimentResponse> CreateExperimentAsync([Body] CreateExperimentRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/experiments/get")]
    Task<ExperimentResponse> GetExperimentAsync([AliasAs("experiment_id")] string experimentId, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/experiments/get-by-name")]
    Task<ExperimentResponse> GetExperimentByNameAsync([AliasAs("experiment_name")] string name, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/experiments/search")]
    Task<SearchExperimentsResponse> SearchExperimentsAsync([Body] SearchExperimentsRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/experiments/search")]
    Task<SearchExperimentsResponse> ProbeAsync([AliasAs("max_results")] int maxResults, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/experiments/set-experiment-tag")]
    Task<EmptyResponse> SetExperimentTagAsync([Body] SetExperimentTagRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/runs/create")]
    Task<RunResponse> CreateRunAsync([Body] CreateRunRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/runs/update")]
    Task<UpdateRunResponse> UpdateRunAsync([Body] UpdateRunRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/runs/get")]
    Task<RunResponse> GetRunAsync([AliasAs("run_id")] string runId, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/runs/search")]
    Task<SearchRunsResponse> SearchRunsAsync([Body] SearchRunsRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/runs/log-batch")]
    Task<EmptyResponse> LogBatchAsync([Body] LogBatchRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/metrics/get-history")]
    Task<MetricHistoryResponse> GetMetricHistoryAsync(
        [AliasAs("run_id")] string runId, [AliasAs("metric_key")] string key, [AliasAs("page_token")] string? pageToken, CancellationToken cancellationToken);
}
