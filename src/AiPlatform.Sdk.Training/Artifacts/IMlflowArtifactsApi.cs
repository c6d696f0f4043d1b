using AiPlatform.Sdk.Training.Tracking.Rest;
using Refit;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>MLflow's artifact proxy (mlflow/protos/mlflow_artifacts.proto): upload, download and list under <c>/api/2.0/mlflow-artifacts/artifacts</c>.</summary>
internal interface IMlflowArtifactsApi
{
    [Put("/api/2.0/mlflow-artifacts/artifacts/{**path}")]
    Task<EmptyResponse> UploadAsync(string path, [Body] HttpContent content, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow-artifacts/artifacts/{**path}")]
    Task<Stream> DownloadAsync(string path, CancellationToken cancellationToken);

    [Get("/api/2.0/mlflow-artifacts/artifacts")]
    Task<ListArtifactsResponse> ListAsync(string path, CancellationToken cancellationToken);
}
