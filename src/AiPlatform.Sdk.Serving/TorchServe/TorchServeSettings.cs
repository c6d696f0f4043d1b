namespace AiPlatform.Sdk.Serving.TorchServe;

/// <summary>
/// Settings of the TorchServe client, bound from <c>AiPlatform:Serving:TorchServe</c>. <see cref="RemoteClientSettings.Endpoint"/>
/// is the inference API (port 8080).
/// </summary>
public sealed class TorchServeSettings : RemoteClientSettings
{
    /// <summary>The management API (port 8081); when <see langword="null"/>, the inference endpoint with port 8081.</summary>
    public Uri? ManagementEndpoint { get; set; }

    /// <summary>TorchServe's inference key (token authorization, <c>key_file.json</c> "inference"), sent as a bearer token.</summary>
    public string? InferenceKey { get; set; }

    /// <summary>TorchServe's management key (<c>key_file.json</c> "management"), sent as a bearer token to the management API.</summary>
    public string? ManagementKey { get; set; }
}
