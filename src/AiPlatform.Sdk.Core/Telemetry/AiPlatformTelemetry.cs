namespace AiPlatform.Sdk.Telemetry;

/// <summary>
/// The names of the SDK's <see cref="System.Diagnostics.ActivitySource"/>s and <see cref="System.Diagnostics.Metrics.Meter"/>s, one per layer.
/// Hosts pass <see cref="AllNames"/> to their tracer and meter providers; libraries never configure exporters.
/// </summary>
public static class AiPlatformTelemetry
{
    /// <summary>The Core layer: the shared HTTP and gRPC pipeline.</summary>
    public const string Core = "AiPlatform.Core";

    /// <summary>The Data layer: object store, events, documents, cache.</summary>
    public const string Data = "AiPlatform.Data";

    /// <summary>The Vector layer: kernels, indexes, vector stores.</summary>
    public const string Vector = "AiPlatform.Vector";

    /// <summary>The Serving layer: ONNX inference, embeddings, inference clients.</summary>
    public const string Serving = "AiPlatform.Serving";

    /// <summary>The Identity layer: tokens, policies, secrets, permissions.</summary>
    public const string Identity = "AiPlatform.Identity";

    /// <summary>The Training layer: experiment tracking and pipelines.</summary>
    public const string Training = "AiPlatform.Training";

    /// <summary>The Ops layer: health and monitoring.</summary>
    public const string Ops = "AiPlatform.Ops";

    /// <summary>Every source and meter name above.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [Core, Data, Vector, Serving, Identity, Training, Ops];
}
