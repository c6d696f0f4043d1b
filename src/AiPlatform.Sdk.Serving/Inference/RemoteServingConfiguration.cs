namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Turns on the remote serving clients whose sections exist: <c>AiPlatform:Serving:Inference</c> (with <c>:Embeddings</c>, the remote embedding generator) and <c>AiPlatform:Serving:TorchServe</c>.</summary>
internal static class RemoteServingConfiguration
{
    public static void AddConfiguredClients(ServingBuilder serving)
    {
        if (serving.Platform.IsConfigured(ServingBuilderInferenceExtensions.EmbeddingsSettingsPath))
        {
            serving.AddRemoteEmbeddings();
        }
        else if (serving.Platform.IsConfigured(ServingBuilderInferenceExtensions.SettingsPath))
        {
            serving.AddInferenceClient();
        }

        if (serving.Platform.IsConfigured(ServingBuilderTorchServeExtensions.SettingsPath))
        {
            serving.AddTorchServe();
        }
    }
}
