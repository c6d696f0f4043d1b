using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Settings of the Open Inference Protocol client, bound from <c>AiPlatform:Serving:Inference</c>.</summary>
public sealed class InferenceClientSettings : RemoteClientSettings
{
    /// <summary>The transport: <see cref="InferenceProtocol.Grpc"/> (default; Triton's port 8001) or <see cref="InferenceProtocol.Rest"/> (port 8000).</summary>
    public InferenceProtocol Protocol { get; set; } = InferenceProtocol.Grpc;

    /// <summary>The model used when a call names none.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>The deadline of each call, sent to the server as the gRPC deadline; default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Over REST, send and receive tensors with the binary tensor data extension (default) rather than JSON.</summary>
    public bool BinaryData { get; set; } = true;

    /// <summary>Check inputs against the model's metadata before sending (default <see langword="true"/>).</summary>
    public bool ValidateShapes { get; set; } = true;
}

/// <summary>The transport of the Open Inference Protocol.</summary>
public enum InferenceProtocol
{
    /// <summary>gRPC (<c>inference.GRPCInferenceService</c>).</summary>
    Grpc,

    /// <summary>HTTP/REST (<c>/v2/...</c>).</summary>
    Rest,
}
