using AiPlatform.Sdk.Serving;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk;

/// <summary>Adds the Serving layer to the platform.</summary>
public static class AiPlatformBuilderServingExtensions
{
    /// <summary>
    /// Adds the Serving layer and turns on every part that <c>AiPlatform:Serving</c> configures: local ONNX embeddings
    /// (<c>Serving:Embeddings</c>), the Open Inference Protocol client (<c>Serving:Inference</c>) and TorchServe (<c>Serving:TorchServe</c>).
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
