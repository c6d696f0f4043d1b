using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>One transport of the protocol (gRPC or REST), speaking the protocol's messages. Raw transport failures propagate.</summary>
internal interface IInferenceTransport
{
    Uri? Endpoint { get; }

    Task<bool> ServerLiveAsync(TimeSpan timeout, CancellationToken cancellationToken);

    Task<bool> ServerReadyAsync(TimeSpan timeout, CancellationToken cancellationToken);

    Task<bool> ModelReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ServerMetadataResponse> ServerMetadataAsync(TimeSpan timeout, CancellationToken cancellationToken);

    Task<ModelMetadataResponse> ModelMetadataAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ModelConfig> ModelConfigAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ModelStatisticsResponse> ModelStatisticsAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken);

    Task<RepositoryIndexResponse> RepositoryIndexAsync(bool ready, TimeSpan timeout, CancellationToken cancellationToken);

    Task LoadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken);

    Task UnloadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ModelInferResponse> InferAsync(ModelInferRequest request, bool binaryData, TimeSpan timeout, CancellationToken cancellationToken);
}
