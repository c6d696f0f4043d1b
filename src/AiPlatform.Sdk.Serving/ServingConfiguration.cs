namespace AiPlatform.Sdk.Serving;

/// <summary>Turns on the Serving parts whose configuration sections exist; each part adds one line here.</summary>
internal static class ServingConfiguration
{
    public static void AddConfiguredParts(ServingBuilder serving)
    {
        ArgumentNullException.ThrowIfNull(serving);
        if (serving.Platform.IsConfigured("Serving:Embeddings")) { serving.AddOnnxEmbeddings(); }
        Inference.RemoteServingConfiguration.AddConfiguredClients(serving);
    }
}
