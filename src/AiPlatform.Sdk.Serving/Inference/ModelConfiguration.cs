using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>A model's configuration as Triton's model configuration extension reports it (the part this SDK reads).</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Platform">The platform, such as <c>onnxruntime_onnx</c>; empty when the server names a backend instead.</param>
/// <param name="Backend">The backend, such as <c>onnxruntime</c>; empty when unset.</param>
/// <param name="MaxBatchSize">The largest batch the model accepts in its first dimension; 0 when the model does not batch.</param>
/// <param name="Inputs">The declared inputs.</param>
/// <param name="Outputs">The declared outputs.</param>
/// <param name="Parameters">The model's string parameters.</param>
public sealed record ModelConfiguration(
    string Name,
    string Platform,
    string Backend,
    int MaxBatchSize,
    IReadOnlyList<ConfiguredTensor> Inputs,
    IReadOnlyList<ConfiguredTensor> Outputs,
    IReadOnlyDictionary<string, string> Parameters)
{
    internal static ModelConfiguration From(ModelConfig config) => new(
        config.Name,
        config.Platform,
        config.Backend,
        config.MaxBatchSize,
        [.. config.Input.Select(i => new ConfiguredTensor(i.Name, Datatype(i.DataType), [.. i.Dims]))],
        [.. config.Output.Select(o => new ConfiguredTensor(o.Name, Datatype(o.DataType), [.. o.Dims]))],
        config.Parameters.ToDictionary(p => p.Key, p => p.Value.StringValue, StringComparer.Ordinal));

    /// <summary>Triton's <c>TYPE_*</c> names are the protocol's datatypes with a prefix, except <c>TYPE_STRING</c>, which is <c>BYTES</c>.</summary>
    private static InferenceDataType? Datatype(DataType type) => type switch
    {
        DataType.TypeInvalid => null,
        DataType.TypeString => InferenceDataType.Bytes,
        _ => new InferenceDataType(type.ToString()["Type".Length..].ToUpperInvariant()),
    };
}

/// <summary>A tensor as a model's configuration declares it.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Datatype">The datatype; <see langword="null"/> when the configuration leaves it unset.</param>
/// <param name="Dims">The dimensions without the batch dimension; a variable dimension is -1.</param>
public sealed record ConfiguredTensor(string Name, InferenceDataType? Datatype, IReadOnlyList<long> Dims);
