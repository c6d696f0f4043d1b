namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>One inference call: the model, the input tensors, the outputs wanted and the protocol parameters.</summary>
public sealed class InferenceRequest
{
    /// <summary>The model; <see langword="null"/> for the client's <c>DefaultModel</c>.</summary>
    public string? ModelName { get; set; }

    /// <summary>The model version; <see langword="null"/> or empty lets the server choose.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>An identifier the server echoes in the response; <see langword="null"/> for none.</summary>
    public string? Id { get; set; }

    /// <summary>The input tensors.</summary>
    public IList<InferenceTensor> Inputs { get; } = [];

    /// <summary>The outputs wanted; empty for all of the model's outputs.</summary>
    public IList<RequestedOutput> Outputs { get; } = [];

    /// <summary>Request parameters of the protocol (values: <see cref="bool"/>, <see cref="long"/>, <see cref="int"/>, <see cref="double"/> or <see cref="string"/>).</summary>
    public IDictionary<string, object> Parameters { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>
    /// Over REST: <see langword="true"/> sends and asks for tensors with the binary tensor data extension, <see langword="false"/>
    /// as JSON; <see langword="null"/> follows <see cref="InferenceClientSettings.BinaryData"/>. gRPC always sends raw contents.
    /// </summary>
    public bool? BinaryData { get; set; }

    /// <summary>The deadline of this call; <see langword="null"/> for <see cref="InferenceClientSettings.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }
}

/// <summary>An output the caller wants back.</summary>
/// <param name="Name">The output's name.</param>
public sealed record RequestedOutput(string Name)
{
    /// <summary>When set, the server returns the top N classes of this output as <c>BYTES</c> <c>"value:index[:label]"</c> (classification extension).</summary>
    public int? Classification { get; init; }
}
