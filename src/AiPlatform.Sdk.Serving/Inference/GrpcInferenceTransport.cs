using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>The gRPC transport: the generated <c>inference.GRPCInferenceService</c> stub, deadlines sent as gRPC deadlines.</summary>
internal sealed class GrpcInferenceTransport(
    GRPCInferenceService.GRPCInferenceServiceClient client, Uri? endpoint, TimeProvider timeProvider) : IInferenceTransport
{
    public Uri? Endpoint => endpoint;

    public async Task<bool> ServerLiveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        (await client.ServerLiveAsync(new ServerLiveRequest(), deadline: Deadline(timeout), cancellationToken: cancellationToken).ConfigureAwait(false)).Live;

    public async Task<bool> ServerReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        (await client.ServerReadyAsync(new ServerReadyRequest(), deadline: Deadline(timeout), cancellationToken: cancellationToken).ConfigureAwait(false)).Ready;

    public async Task<bool> ModelReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await client.ModelReadyAsync(new ModelReadyRequest { Name = name, Version = version }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Ready;

    public async Task<ServerMetadataResponse> ServerMetadataAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.ServerMetadataAsync(new ServerMetadataRequest(), deadline: Deadline(timeout), cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<ModelMetadataResponse> ModelMetadataAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.ModelMetadataAsync(new ModelMetadataRequest { Name = name, Version = version }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async Task<ModelConfig> ModelConfigAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await client.ModelConfigAsync(new ModelConfigRequest { Name = name, Version = version }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Config ?? new ModelConfig();

    public async Task<ModelStatisticsResponse> ModelStatisticsAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.ModelStatisticsAsync(new ModelStatisticsRequest { Name = name, Version = version }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async Task<RepositoryIndexResponse> RepositoryIndexAsync(bool ready, TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.RepositoryIndexAsync(new RepositoryIndexRequest { Ready = ready }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async Task LoadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = name }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async Task UnloadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        await client.RepositoryModelUnloadAsync(new RepositoryModelUnloadRequest { ModelName = name }, deadline: Deadline(timeout), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, bool binaryData, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await client.ModelInferAsync(request, deadline: Deadline(timeout), cancellationToken: cancellationToken).ConfigureAwait(false);
        InferenceRestCodec.UseRawContents(response);
        return response;
    }

    private DateTime Deadline(TimeSpan timeout) => timeProvider.GetUtcNow().UtcDateTime + timeout;
}
