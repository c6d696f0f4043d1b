namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>The server's metadata.</summary>
/// <param name="Name">The server's name, such as <c>triton</c>.</param>
/// <param name="Version">The server's version.</param>
/// <param name="Extensions">The protocol extensions it supports, such as <c>binary_tensor_data</c>.</param>
public sealed record ServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary>A model's metadata: its versions, platform and tensors.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Versions">The versions available.</param>
/// <param name="Platform">The platform, such as <c>onnxruntime_onnx</c>.</param>
/// <param name="Inputs">The inputs.</param>
/// <param name="Outputs">The outputs.</param>
public sealed record ModelMetadata(
    string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);

/// <summary>The declared name, datatype and shape of a model's tensor.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Datatype">The datatype.</param>
/// <param name="Shape">The shape; a variable dimension is -1.</param>
public sealed record TensorMetadata(string Name, InferenceDataType Datatype, IReadOnlyList<long> Shape);

/// <summary>An entry of the model repository index.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The version, if the server names one.</param>
/// <param name="State">The state, such as <c>READY</c> or <c>UNAVAILABLE</c>.</param>
/// <param name="Reason">Why the model is in that state, if given.</param>
public sealed record RepositoryModel(string Name, string? Version, string? State, string? Reason);
