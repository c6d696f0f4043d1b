using AiPlatform.Sdk.Serving;
using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk;

/// <summary>Adds the Serving layer with its in-process ONNX parts to the platform.</summary>
public static class AiPlatformBuilderOnnxServingExtensions
{
    /// <summary>
    /// Adds the Serving layer (<see cref="AiPlatformBuilderServingExtensions.AddServing"/>) and, as the embedded default of text
    /// embeddings, local ONNX embeddings when <c>AiPlatform:Serving:Embeddings:ModelPath</c> names a model and no
    /// <c>Serving:Embeddings:Endpoint</c> switches embeddings to an inference server. Calling it again adds nothing.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The Serving builder, to add parts in code.</returns>
    public static ServingBuilder AddOnnxServing(this AiPlatformBuilder builder)
    {
        var serving = builder.AddServing();
        var section = builder.GetSection(ServingBuilderEmbeddingsExtensions.SettingsPath);
        if (!builder.IsRemote(ServingBuilderEmbeddingsExtensions.SettingsPath)
            && !string.IsNullOrWhiteSpace(section[nameof(OnnxEmbeddingSettings.ModelPath)]))
        {
            serving.AddOnnxEmbeddings();
        }

        return serving;
    }
}
