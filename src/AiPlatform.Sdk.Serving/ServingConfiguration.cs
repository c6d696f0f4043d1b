using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving;

/// <summary>Turns on the remote Serving parts that configuration switches on, by the switch rule: a client when its <c>Endpoint</c> is set.</summary>
internal static class ServingConfiguration
{
    public static void AddConfiguredParts(ServingBuilder serving)
    {
        var platform = serving.Platform;
        if (platform.IsRemote(EmbeddingGeneratorRegistration.SectionPath))
        {
            serving.AddRemoteEmbeddings();
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
