using System.Collections.Concurrent;
using System.Diagnostics;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Telemetry;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// The <see cref="IInferenceClient"/> over either transport: default model, deadlines, shape checks against cached model
/// metadata, one span and one measurement per call, and every failure mapped through <see cref="AiPlatformErrors"/>.
/// </summary>
internal sealed partial class InferenceClient(
    IInferenceTransport transport,
    InferenceClientSettings settings,
    ClientInstrumentation instrumentation,
    ILogger logger) : IInferenceClient
{
    private const string Service = RestInferenceTransport.Service;
    private readonly ConcurrentDictionary<(string Model, string Version), ModelMetadata> _metadata = new();

    public Task<bool> IsServerLiveAsync(CancellationToken cancellationToken = default) =>
        RunAsync("ServerLive", null, null, transport.ServerLiveAsync, cancellationToken);

    public Task<bool> IsServerReadyAsync(CancellationToken cancellationToken = default) =>
        RunAsync("ServerReady", null, null, transport.ServerReadyAsync, cancellationToken);

    public Task<bool> IsModelReadyAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        var model = Model(modelName);
        return RunAsync("ModelReady", model, null, (t, ct) => transport.ModelReadyAsync(model, modelVersion ?? string.Empty, t, ct), cancellationToken);
    }

    public async Task<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default)
    {
        var response = await RunAsync("ServerMetadata", null, null, transport.ServerMetadataAsync, cancellationToken).ConfigureAwait(false);
        return new ServerMetadata(response.Name, response.Version, [.. response.Extensions]);
    }

    public async Task<ModelMetadata> GetModelMetadataAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        var model = Model(modelName);
        var version = modelVersion ?? string.Empty;
        var response = await RunAsync("ModelMetadata", model, null, (t, ct) => transport.ModelMetadataAsync(model, version, t, ct), cancellationToken)
            .ConfigureAwait(false);
        var metadata = new ModelMetadata(
            response.Name, [.. response.Versions], response.Platform, [.. response.Inputs.Select(Tensor)], [.. response.Outputs.Select(Tensor)]);
        _metadata[(model, version)] = metadata;
        return metadata;
    }

    public async Task<ModelConfiguration> GetModelConfigAsync(
        string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        var model = Model(modelName);
        var config = await RunAsync(
            "ModelConfig", model, null, (t, ct) => transport.ModelConfigAsync(model, modelVersion ?? string.Empty, t, ct), cancellationToken)
            .ConfigureAwait(false);
        return ModelConfiguration.From(config);
    }

    public async Task<IReadOnlyList<InferenceStatistics>> GetModelStatisticsAsync(
        string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        var model = modelName ?? string.Empty;
        var response = await RunAsync(
            "ModelStatistics", model, null, (t, ct) => transport.ModelStatisticsAsync(model, modelVersion ?? string.Empty, t, ct), cancellationToken)
            .ConfigureAwait(false);
        return [.. response.ModelStats.Select(InferenceStatistics.From)];
    }

    public async Task<IReadOnlyList<RepositoryModel>> GetRepositoryIndexAsync(bool readyOnly = false, CancellationToken cancellationToken = default)
    {
        var response = await RunAsync("RepositoryIndex", null, null, (t, ct) => transport.RepositoryIndexAsync(readyOnly, t, ct), cancellationToken)
            .ConfigureAwait(false);
        return [.. response.Models.Select(m => new RepositoryModel(m.Name, Empty(m.Version), Empty(m.State), Empty(m.Reason)))];
    }

    public async Task LoadModelAsync(string modelName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        await RunAsync("RepositoryModelLoad", modelName, null, async (t, ct) =>
        {
            await transport.LoadAsync(modelName, t, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        Forget(modelName);
    }

    public async Task UnloadModelAsync(string modelName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        await RunAsync("RepositoryModelUnload", modelName, null, async (t, ct) =>
        {
            await transport.UnloadAsync(modelName, t, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        Forget(modelName);
    }

    public async Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = Model(request.ModelName);
        var version = request.ModelVersion ?? string.Empty;
        if (settings.ValidateShapes)
        {
            var metadata = _metadata.TryGetValue((model, version), out var cached)
                ? cached
                : await GetModelMetadataAsync(model, version, cancellationToken).ConfigureAwait(false);
            InferenceRequestValidator.Validate(metadata, request);
        }

        var message = ToMessage(request, model, version);
        var binary = request.BinaryData ?? settings.BinaryData;
        var response = await RunAsync("ModelInfer", model, request.Timeout, (t, ct) => transport.InferAsync(message, binary, t, ct), cancellationToken)
            .ConfigureAwait(false);
        return FromMessage(response, model);
    }

    internal static ModelInferRequest ToMessage(InferenceRequest request, string model, string version)
    {
        var message = new ModelInferRequest { ModelName = model, ModelVersion = version, Id = request.Id ?? string.Empty };
        foreach (var (name, value) in request.Parameters)
        {
            message.Parameters[name] = InferParameters.From(value);
        }

        foreach (var input in request.Inputs)
        {
            message.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype.Name, Shape = { input.Shape } });
            message.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(input.RawData));
        }

        foreach (var output in request.Outputs)
        {
            var requested = new ModelInferRequest.Types.InferRequestedOutputTensor { Name = output.Name };
            if (output.Classification is { } classes)
            {
                requested.Parameters["classification"] = new InferParameter { Int64Param = classes };
            }

            message.Outputs.Add(requested);
        }

        return message;
    }

    private static InferenceResponse FromMessage(ModelInferResponse response, string model)
    {
        var outputs = new List<InferenceTensor>(response.Outputs.Count);
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var output = response.Outputs[i];
            outputs.Add(new InferenceTensor(output.Name, new InferenceDataType(output.Datatype), [.. output.Shape], response.RawOutputContents[i].Memory));
        }

        var parameters = response.Parameters
            .Select(p => (p.Key, Value: InferParameters.ToValue(p.Value)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        return new InferenceResponse(
            response.ModelName.Length > 0 ? response.ModelName : model, Empty(response.ModelVersion), Empty(response.Id), outputs, parameters);
    }

    private static TensorMetadata Tensor(ModelMetadataResponse.Types.TensorMetadata t) =>
        new(t.Name, new InferenceDataType(t.Datatype), [.. t.Shape]);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private string Model(string? modelName) =>
        !string.IsNullOrEmpty(modelName) ? modelName
        : !string.IsNullOrEmpty(settings.DefaultModel) ? settings.DefaultModel
        : throw new ArgumentException("No model was named and AiPlatform:Serving:Inference:DefaultModel is not set.", nameof(modelName));

    private void Forget(string model)
    {
        foreach (var key in _metadata.Keys.Where(k => k.Model == model))
        {
            _metadata.TryRemove(key, out _);
        }
    }

    private async Task<T> RunAsync<T>(
        string operation, string? model, TimeSpan? timeout, Func<TimeSpan, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var limit = timeout ?? settings.Timeout;
        LogCalling(logger, operation, model);
        try
        {
            return await instrumentation.RunAsync(
                operation,
                activity =>
                {
                    activity?.SetTag("rpc.method", operation);
                    activity?.SetTag("aiplatform.model", model);
                    activity?.SetTag("network.protocol.name", settings.Protocol == InferenceProtocol.Grpc ? "grpc" : "http");
                    return call(limit, cancellationToken);
                },
                ex => Map(ex, operation, limit),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{Service} {operation} was cancelled.", ex, cancellationToken);
        }
    }

    private Exception Map(Exception exception, string operation, TimeSpan limit) => exception switch
    {
        OperationCanceledException or TimeoutException => AiPlatformErrors.FromStatus(
            Service, operation, 504, "DeadlineExceeded", $"no answer within {limit.TotalSeconds:0.###} s", innerException: exception),
        FormatException or InvalidProtocolBufferException or System.Text.Json.JsonException => new AiPlatformException(
            Service, operation, $"{Service} {operation} failed: {exception.Message}", innerException: exception),
        _ => AiPlatformErrors.FromException(exception, Service, operation, transport.Endpoint),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inference {Operation} (model {Model})")]
    private static partial void LogCalling(ILogger logger, string operation, string? model);

}
