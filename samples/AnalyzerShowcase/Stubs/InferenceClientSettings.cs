namespace AiPlatform.Sdk.Serving.Inference;

// A stand-in for the Serving package's inference client settings.
public sealed class InferenceClientSettings
{
    public Uri? Endpoint { get; set; }
}
