namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>The gRPC side of <see cref="WeaviateSettings"/>, whose <see cref="RemoteClientSettings.Endpoint"/> is the gRPC address.</summary>
internal sealed class WeaviateGrpcSettings : RemoteClientSettings
{
    /// <summary>The default gRPC port of Weaviate.</summary>
    public const int DefaultPort = 50051;

    /// <summary>Copies the gRPC address and switches from <paramref name="settings"/>.</summary>
    public void CopyFrom(WeaviateSettings settings)
    {
        Endpoint = settings.GrpcEndpoint
            ?? (settings.Endpoint is { } rest ? new UriBuilder(rest) { Port = DefaultPort, Path = "/" }.Uri : null);
        Authenticate = settings.Authenticate;
        DisableTracing = settings.DisableTracing;
        DisableMetrics = settings.DisableMetrics;
        DisableHealthChecks = settings.DisableHealthChecks;
    }
}
