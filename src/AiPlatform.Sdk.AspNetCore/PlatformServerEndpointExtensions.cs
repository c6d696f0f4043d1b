using AiPlatform.Sdk.AspNetCore;
using AiPlatform.Sdk.AspNetCore.Collections;
using AiPlatform.Sdk.AspNetCore.Data;
using AiPlatform.Sdk.AspNetCore.Inference;
using AiPlatform.Sdk.AspNetCore.Ops;
using AiPlatform.Sdk.AspNetCore.Security;
using AiPlatform.Sdk.AspNetCore.Training;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the platform's server-side APIs registered with <see cref="PlatformServerBuilderExtensions"/>. Each <c>Map*</c> returns the
/// group it mapped into, so the application can add its own conventions (a host name, rate limiting, CORS).
/// </summary>
public static class PlatformServerEndpointExtensions
{
    /// <summary>
    /// Adds problem responses, request decompression (<c>Content-Encoding</c> gzip, deflate, br), authentication and authorization to
    /// the pipeline; call it before mapping endpoints.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ProblemResponses.Use(app);
        ServerSecurity.Use(app);
        return app;
    }

    /// <summary>
    /// Maps health (<c>/health/live</c>, <c>/health/ready</c>), the OpenAPI document (<c>/openapi/v1.json</c>), permissions, and every
    /// feature registered with <see cref="PlatformServerBuilderExtensions"/> (Prometheus's <c>/metrics</c> when AddOps ran).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The same endpoints.</returns>
    public static IEndpointRouteBuilder MapPlatformServer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var features = endpoints.ServiceProvider.GetServices<ServerFeature>().ToHashSet();
        endpoints.MapPlatformHealth();
        endpoints.MapPlatformOpenApi();
        endpoints.MapPermissions();
        if (features.Contains(ServerFeature.ObjectsAndEvents))
        {
            endpoints.MapObjectAndEventEndpoints();
        }

        if (features.Contains(ServerFeature.Embeddings))
        {
            endpoints.MapEmbeddings();
        }

        if (features.Contains(ServerFeature.InferenceProtocol))
        {
            endpoints.MapInferenceProtocol();
        }

        if (features.Contains(ServerFeature.Collections))
        {
            endpoints.MapCollections();
        }

        if (features.Contains(ServerFeature.ExperimentTracking))
        {
            endpoints.MapExperimentTracking();
        }

        if (features.Contains(ServerFeature.Telemetry))
        {
            endpoints.MapPlatformMetrics();
        }

        return endpoints;
    }

    /// <summary>Maps <c>/health/live</c> (no check) and <c>/health/ready</c> (every readiness check), open to anonymous callers.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints) => Map(endpoints, HealthEndpoints.Map);

    /// <summary>
    /// Maps the Prometheus text endpoint (<c>AiPlatform:Ops:Prometheus:Path</c>, default <c>/metrics</c>), open to anonymous scrapers,
    /// when <c>AddOps()</c> ran with metrics and Prometheus on (and <see cref="PlatformServerBuilderExtensions.AddPlatformTelemetry"/> was called).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The endpoint, or <see langword="null"/> when Ops metrics or Prometheus are off.</returns>
    public static IEndpointConventionBuilder? MapPlatformMetrics(this IEndpointRouteBuilder endpoints) => ServerTelemetry.Map(endpoints);

    /// <summary>Maps the OpenAPI document of every mapped REST API at <c>/openapi/v1.json</c>, open to anonymous callers.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The document's endpoint.</returns>
    public static IEndpointConventionBuilder MapPlatformOpenApi(this IEndpointRouteBuilder endpoints) => PlatformOpenApi.Map(endpoints);

    /// <summary>
    /// Maps <c>/v1/permissions</c>: grant (<c>PUT</c>) and revoke (<c>DELETE</c>) permissions on an object, the caller's grants
    /// (<c>GET mine</c>), a check for the caller (<c>GET check</c>) and an object's grants (<c>GET objects/{objectId}</c>).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapPermissions(this IEndpointRouteBuilder endpoints) => Map(endpoints, PermissionEndpoints.Map);

    /// <summary>Maps <c>/v1/objects</c> and <c>/v1/events</c>; register them with <c>AddObjectAndEventEndpoints()</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapObjectAndEventEndpoints(this IEndpointRouteBuilder endpoints) => Map(endpoints, DataFeature.Map);

    /// <summary>Maps <c>POST /v1/embeddings</c>; register it with <c>AddEmbeddingsEndpoint()</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoint was mapped into.</returns>
    public static RouteGroupBuilder MapEmbeddings(this IEndpointRouteBuilder endpoints) => Map(endpoints, EmbeddingEndpoints.Map);

    /// <summary>Maps the Open Inference Protocol's REST endpoints (<c>/v2/...</c>) and gRPC service; register it with <c>AddInferenceProtocol()</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapInferenceProtocol(this IEndpointRouteBuilder endpoints) => Map(endpoints, InferenceProtocolFeature.Map);

    /// <summary>Maps <c>/v1/collections</c> and <c>/v1/jobs</c>; register them with <c>AddCollections()</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapCollections(this IEndpointRouteBuilder endpoints) => Map(endpoints, CollectionsFeature.Map);

    /// <summary>
    /// Maps MLflow's tracking and model registry REST API under <c>/api/2.0/mlflow</c> and its artifact proxy under
    /// <c>/api/2.0/mlflow-artifacts</c>; register them with <c>AddExperimentTracking()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group the endpoints were mapped into.</returns>
    public static RouteGroupBuilder MapExperimentTracking(this IEndpointRouteBuilder endpoints) => Map(endpoints, e =>
    {
        MlflowEndpoints.Map(e);
        MlflowRegistryEndpoints.Map(e);
        MlflowArtifactEndpoints.Map(e);
    });

    private static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        RequestMediaTypes.Enforce(group);
        map(group);
        return group;
    }
}
