namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// A server feature registered in the application's services: the one mark that makes each <c>Add*</c> idempotent and tells
/// <c>MapPlatformServer()</c> what to map.
/// </summary>
/// <param name="Name">The feature's name.</param>
internal sealed record ServerFeature(string Name)
{
    public static readonly ServerFeature Security = new("security");
    public static readonly ServerFeature ObjectsAndEvents = new("objects-and-events");
    public static readonly ServerFeature Embeddings = new("embeddings");
    public static readonly ServerFeature InferenceProtocol = new("inference-protocol");
    public static readonly ServerFeature Collections = new("collections");
    public static readonly ServerFeature ExperimentTracking = new("experiment-tracking");
    public static readonly ServerFeature Telemetry = new("telemetry");

    public static bool IsRegistered(IServiceCollection services, ServerFeature feature) =>
        services.Any(d => d.ServiceType == typeof(ServerFeature) && Equals(d.ImplementationInstance, feature));
}
