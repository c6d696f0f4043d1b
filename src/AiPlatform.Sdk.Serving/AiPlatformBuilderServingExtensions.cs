using AiPlatform.Sdk.Serving;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk;

/// <summary>Adds the Serving layer to the platform.</summary>
public static class AiPlatformBuilderServingExtensions
{
    /// <summary>
    /// Adds the Serving layer and turns on every remote part whose <c>Endpoint</c> <c>AiPlatform:Serving</c> sets: embeddings from an
    /// inference server (<c>Serving:Embeddings</c>), the Open Inference Protocol client (<c>Serving:Inference</c>) and TorchServe
    /// (<c>Serving:TorchServe</c>). Local ONNX embeddings are <c>AddOnnxServing()</c>, in AiPlatform.Sdk.Serving.Onnx.
    /// Calling it again returns a builder over the same registrations.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The Serving builder, to add parts in code.</returns>
    public static ServingBuilder AddServing(this AiPlatformBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLayerTelemetry(AiPlatformTelemetry.Serving);
        var serving = new ServingBuilder(builder);
        ServingConfiguration.AddConfiguredParts(serving);
        return serving;
    }
}
