using Refit;

namespace AiPlatform.Sdk.Training.Registry.Rest;

/// <summary>The MLflow model registry endpoints the registry calls (paths and verbs as mlflow/protos/model_registry.proto declares them).</summary>
internal interface IMlflowRegistryApi
{
    [Post("/api/2.0/mlflow/registered-models/create")]
    Task<RegisteredModelResponse> CreateRegisteredModelAsync([Body] CreateRegisteredModelRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/registered-models/get")]
    Task<RegisteredModelResponse> GetRegisteredModelAsync(string name, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/registered-models/search")]
    Task<SearchRegisteredModelsResponse> SearchRegisteredModelsAsync([Body] SearchRegisteredModelsRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/registered-models/rename")]
    Task<RegisteredModelResponse> RenameRegisteredModelAsync([Body] RenameRegisteredModelRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/registered-models/set-tag")]
    Task<Tracking.Rest.EmptyResponse> SetRegisteredModelTagAsync([Body] ModelTagRequest request, CancellationToken cancellationToken);

    [Delete("/api/2.0/mlflow/registered-models/delete")]
    Task<Tracking.Rest.EmptyResponse> DeleteRegisteredModelAsync([Body] NameRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/model-versions/create")]
    Task<ModelVersionResponse> CreateModelVersionAsync([Body] CreateModelVersionRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/model-versions/get")]
    Task<ModelVersionResponse> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/model-versions/search")]
    Task<SearchModelVersionsResponse> SearchModelVersionsAsync(
        string filter, [AliasAs("max_results")] int maxResults, [AliasAs("page_token")] string? pageToken, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/model-versions/get-download-uri")]
    Task<DownloadUriResponse> GetDownloadUriAsync(string name, string version, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/model-versions/set-tag")]
    Task<Tracking.Rest.EmptyResponse> SetModelVersionTagAsync([Body] ModelTagRequest request, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/registered-models/alias")]
    Task<Tracking.Rest.EmptyResponse> SetAliasAsync([Body] AliasRequest request, CancellationToken cancellationToken);

    [Delete("/api/2.0/mlflow/registered-models/alias")]
    Task<Tracking.Rest.EmptyResponse> DeleteAliasAsync([Body] AliasRequest request, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow/registered-models/alias")]
    Task<ModelVersionResponse> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken);

    [Post("/api/2.0/mlflow/model-versions/transition-stage")]
    Task<ModelVersionResponse> TransitionStageAsync([Body] TransitionStageRequest request, CancellationToken cancellationToken);
}
