using AiPlatform.Sdk.Serving.Inference.Protocol;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// <c>inference.GRPCInferenceService</c> over the local model repository. Reads require <see cref="ServerPolicies.Read"/> (set where
/// the service is mapped); repository load and unload also <see cref="ServerPolicies.Write"/>.
/// </summary>
internal sealed class InferenceGrpcService(ModelRepository repository, InferenceExecutor executor, InferenceAdmission admission)
    : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = repository.AllLoadable() });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ModelReadyResponse { Ready = repository.IsReady(request.Name, request.Version) });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(InferenceServer.Metadata());

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context) =>
        Handle(() => repository.Get(request.Name, request.Version).Metadata(repository.Versions(request.Name)));

    public override Task<ModelConfigResponse> ModelConfig(ModelConfigRequest request, ServerCallContext context) =>
        Handle(() => new ModelConfigResponse { Config = repository.Get(request.Name, request.Version).Config });

    public override Task<ModelStatisticsResponse> ModelStatistics(ModelStatisticsRequest request, ServerCallContext context) =>
        Handle(() => InferenceServer.Statistics(repository, request.Name, request.Version));

    public override Task<RepositoryIndexResponse> RepositoryIndex(RepositoryIndexRequest request, ServerCallContext context) =>
        Handle(() => new RepositoryIndexResponse { Models = { repository.Index(request.Ready) } });

    [Authorize(Policy = ServerPolicies.Write)]
    public override Task<RepositoryModelLoadResponse> RepositoryModelLoad(RepositoryModelLoadRequest request, ServerCallContext context) =>
        Handle(() =>
        {
            repository.Load(request.ModelName, LoadParameters.ConfigOverride(request.ModelName,
                request.Parameters.ToDictionary(p => p.Key, string? (p) => p.Value.ParameterChoiceCase == ModelRepositoryParameter.ParameterChoiceOneofCase.StringParam
                    ? p.Value.StringParam
                    : p.Value.ToString(), StringComparer.Ordinal)));
            return new RepositoryModelLoadResponse();
        });

    [Authorize(Policy = ServerPolicies.Write)]
    public override Task<RepositoryModelUnloadResponse> RepositoryModelUnload(RepositoryModelUnloadRequest request, ServerCallContext context) =>
        Handle(() =>
        {
            repository.Unload(request.ModelName);
            return new RepositoryModelUnloadResponse();
        });

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        try
        {
            using var lease = await admission.EnterAsync(request.ModelName, context.CancellationToken).ConfigureAwait(false);
            return executor.Execute(request, lease.Queued, context.CancellationToken);
        }
        catch (InferenceProtocolException ex)
        {
            throw new RpcException(new Status(ex.Status, ex.Message));
        }
    }

    private static Task<T> Handle<T>(Func<T> action)
    {
        try
        {
            return Task.FromResult(action());
        }
        catch (InferenceProtocolException ex)
        {
            throw new RpcException(new Status(ex.Status, ex.Message));
        }
    }
}
