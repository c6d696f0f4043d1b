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
    private long _queueNs;
    private long _inputNs;
    private long _inferNs;
    private long _outputNs;
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

    /// <summary>Records one request as Triton counts it: success or failure with its whole time, and for a success its queue and compute phases.</summary>
    public void Record(bool success, TimeSpan queued, InferencePhases phases, DateTimeOffset now)
    {
        var total = Nanoseconds(queued) + phases.TotalNs;
        if (success)
        {
            Interlocked.Increment(ref _successCount);
            Interlocked.Add(ref _successNs, total);
            Interlocked.Add(ref _queueNs, Nanoseconds(queued));
            Interlocked.Add(ref _inputNs, phases.InputNs);
            Interlocked.Add(ref _inferNs, phases.InferNs);
            Interlocked.Add(ref _outputNs, phases.OutputNs);
        }
        else
        {
            Interlocked.Increment(ref _failCount);
            Interlocked.Add(ref _failNs, total);
        }

        Interlocked.Exchange(ref _lastInference, now.ToUnixTimeMilliseconds());
    }

    public ModelStatistics Statistics()
    {
        var success = (ulong)Interlocked.Read(ref _successCount);
        StatisticDuration Phase(ref long ns) => new() { Count = success, Ns = (ulong)Interlocked.Read(ref ns) };
        return new ModelStatistics
        {
            Name = Name,
            Version = Version,
            LastInference = (ulong)Interlocked.Read(ref _lastInference),
            InferenceCount = success,
            ExecutionCount = success,
            InferenceStats = new InferStatistics
            {
                Success = Phase(ref _successNs),
                Fail = new StatisticDuration { Count = (ulong)Interlocked.Read(ref _failCount), Ns = (ulong)Interlocked.Read(ref _failNs) },
                Queue = Phase(ref _queueNs),
                ComputeInput = Phase(ref _inputNs),
                ComputeInfer = Phase(ref _inferNs),
                ComputeOutput = Phase(ref _outputNs),

                // No response cache: present with zero counts, as Triton reports a model without one.
                CacheHit = new StatisticDuration(),
                CacheMiss = new StatisticDuration(),
            },
        };
    }

    private static long Nanoseconds(TimeSpan elapsed) => elapsed.Ticks * 100;

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(OnnxTensorMetadata tensor) => new()
    {
        Name = tensor.Name,
        Datatype = OnnxDatatypes.Datatype(tensor.ElementType) ?? "UNKNOWN",
        Shape = { tensor.Dimensions.Select(d => (long)d) },
    };
}
