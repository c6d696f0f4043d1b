using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving;

/// <summary>
/// Turns on the Serving parts that configuration switches on, by the switch rule: a remote client when its <c>Endpoint</c> is set;
/// local ONNX embeddings when <c>Serving:Embeddings:ModelPath</c> names a model and no embeddings endpoint is set.
/// </summary>
internal static class ServingConfiguration
{
    public static void AddConfiguredParts(ServingBuilder serving)
    {
        var platform = serving.Platform;
        if (platform.IsRemote(ServingBuilderEmbeddingsExtensions.SettingsPath))
        {
            serving.AddRemoteEmbeddings();
        }
        else if (!string.IsNullOrWhiteSpace(platform.GetSection(ServingBuilderEmbeddingsExtensions.SettingsPath)[nameof(OnnxEmbeddingSettings.ModelPath)]))
        {
            serving.AddOnnxEmbeddings();
        }

        if (platform.IsRemote(ServingBuilderInferenceExtensions.SettingsPath))
        {
            serving.AddInferenceClient();
        }

        if (platform.IsRemote(ServingBuilderTorchServeExtensions.SettingsPath))
        {
            serving.AddTorchServe();
        }
    }
}
