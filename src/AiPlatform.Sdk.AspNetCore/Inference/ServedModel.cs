using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>One loaded model version: its ONNX session, its protocol metadata, configuration and limits, and its statistics.</summary>
internal sealed class ServedModel(string name, string version, OnnxModel model, ModelConfig config, (int Batch, int Sequence) limits)
{
    private long _successCount;
    private long _successNs;
    private long _failCount;
    private long _failNs;
    private long _lastInference;

    public string Name { get; } = name;

    public string Version { get; } = version;

    public OnnxModel Model { get; } = model;

    public ModelConfig Config { get; } = config;

    /// <summary>The largest batch and sequence length a request may give (<see cref="InferenceBounds"/>).</summary>
    public (int Batch, int Sequence) Limits { get; } = limits;

    public ModelMetadataResponse Metadata(IEnumerable<string> versions)
    {
        var metadata = new ModelMetadataResponse { Name = Name, Platform = "onnxruntime_onnx", Versions = { versions } };
        metadata.Inputs.AddRange(Model.Inputs.Values.Select(Tensor));
        metadata.Outputs.AddRange(Model.Outputs.Values.Select(Tensor));
        return metadata;
    }

    public void Record(bool success, TimeSpan elapsed, DateTimeOffset now)
    {
        var ns = (long)(elapsed.TotalMilliseconds * 1_000_000);
        if (success)
        {
            Interlocked.Increment(ref _successCount);
            Interlocked.Add(ref _successNs, ns);
        }
        else
        {
            Interlocked.Increment(ref _failCount);
            Interlocked.Add(ref _failNs, ns);
        }

        Interlocked.Exchange(ref _lastInference, now.ToUnixTimeMilliseconds());
    }

    public ModelStatistics Statistics()
    {
        var success = (ulong)Interlocked.Read(ref _successCount);
        var successNs = (ulong)Interlocked.Read(ref _successNs);
        return new ModelStatistics
        {
            Name = Name,
            Version = Version,
            LastInference = (ulong)Interlocked.Read(ref _lastInference),
            InferenceCount = success,
            ExecutionCount = success,
            InferenceStats = new InferStatistics
            {
                Success = new StatisticDuration { Count = success, Ns = successNs },
                Fail = new StatisticDuration { Count = (ulong)Interlocked.Read(ref _failCount), Ns = (ulong)Interlocked.Read(ref _failNs) },
                ComputeInfer = new StatisticDuration { Count = success, Ns = successNs },
            },
        };
    }

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(OnnxTensorMetadata tensor) => new()
    {
        Name = tensor.Name,
        Datatype = OnnxDatatypes.Datatype(tensor.ElementType) ?? "UNKNOWN",
        Shape = { tensor.Dimensions.Select(d => (long)d) },
    };
}
