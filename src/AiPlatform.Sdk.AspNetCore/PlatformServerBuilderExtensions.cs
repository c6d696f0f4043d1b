using AiPlatform.Sdk;
using AiPlatform.Sdk.AspNetCore;
using AiPlatform.Sdk.AspNetCore.Collections;
using AiPlatform.Sdk.AspNetCore.Data;
using AiPlatform.Sdk.AspNetCore.Inference;
using AiPlatform.Sdk.AspNetCore.Ops;
using AiPlatform.Sdk.AspNetCore.Training;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Registry;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Registers the platform's server-side APIs in a business application: each <c>Add*</c> here is paired with a <c>Map*</c> of
/// <see cref="PlatformServerEndpointExtensions"/>. Every feature brings the platform's security (<see cref="AddPlatformSecurity"/>),
/// problem responses and the OpenAPI document. Calling any of them again adds nothing.
/// </summary>
public static class PlatformServerBuilderExtensions
{
    /// <summary>
    /// Registers every server feature: security, objects and events, embeddings, the inference protocol, collections, MLflow's
    /// tracking API and the server's telemetry (spans and Prometheus scraping).
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddPlatformServer(this WebApplicationBuilder builder) => builder
        .AddPlatformSecurity()
        .AddObjectAndEventEndpoints()
        .AddEmbeddingsEndpoint()
        .AddInferenceProtocol()
        .AddCollections()
        .AddExperimentTracking()
        .AddPlatformTelemetry();

    /// <summary>
    /// Adds the server's part of the Ops layer's telemetry (call <c>AddOps()</c> on the platform builder too): ASP.NET Core server spans
    /// with the HTTP semantic conventions, and the Prometheus exporter unless <c>AiPlatform:Ops:Metrics:Enabled</c> or
    /// <c>AiPlatform:Ops:Prometheus:Enabled</c> is false.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder) =>
        builder.AddFeature(ServerFeature.Telemetry, ServerTelemetry.Add);

    /// <summary>
    /// Registers authentication and authorization from <c>AiPlatform:Server:Authentication</c>: JWT bearer tokens from its
    /// <c>Authority</c> (Keycloak realm roles and client roles become role claims), or, without one, from a development issuer served
    /// by this app; Open Policy Agent decisions when <c>AiPlatform:Identity:Opa:Endpoint</c> is set; object permissions; anonymous
    /// callers denied unless <c>AllowAnonymous</c> is set. Also registers problem responses and the OpenAPI document.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddPlatformSecurity(this WebApplicationBuilder builder) =>
        builder.AddFeature(ServerFeature.Security, b =>
        {
            ProblemResponses.Add(b);
            ServerSecurity.Add(b);
            PlatformOpenApi.Add(b);
        });

    /// <summary>Registers <c>/v1/objects</c> and <c>/v1/events</c> over the platform's object store and event stream.</summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddObjectAndEventEndpoints(this WebApplicationBuilder builder) =>
        builder.AddPlatformSecurity().AddFeature(ServerFeature.ObjectsAndEvents, DataFeature.Add);

    /// <summary>
    /// Registers the OpenAI-compatible <c>POST /v1/embeddings</c>, bounded by <c>AiPlatform:Server:Embeddings</c>, over the
    /// application's <c>IEmbeddingGenerator</c> (register one, such as <c>AddOnnxEmbeddings()</c>).
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddEmbeddingsEndpoint(this WebApplicationBuilder builder) =>
        builder.AddPlatformSecurity().AddFeature(ServerFeature.Embeddings, EmbeddingEndpoints.Add);

    /// <summary>
    /// Registers the Open Inference Protocol server (KServe v2 / Triton, REST and gRPC) for the ONNX models of a Triton-layout model
    /// repository, configured by <c>AiPlatform:Server:Inference</c>.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddInferenceProtocol(this WebApplicationBuilder builder) =>
        builder.AddPlatformSecurity().AddFeature(ServerFeature.InferenceProtocol, InferenceProtocolFeature.Add);

    /// <summary>
    /// Registers semantic collections (<c>/v1/collections</c>) and their ingest jobs (<c>/v1/jobs</c>) over the application's
    /// vector store and embedding generator.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddCollections(this WebApplicationBuilder builder) =>
        builder.AddPlatformSecurity().AddFeature(ServerFeature.Collections, CollectionsFeature.Add);

    /// <summary>
    /// Registers MLflow's tracking REST API (<c>/api/2.0/mlflow/...</c>) over the application's experiment tracker
    /// (<c>AddTraining()</c>: the embedded store, or the MLflow server that <c>AiPlatform:Training:Tracking:Endpoint</c> names), so
    /// that MLflow's own clients track runs against this app; with <see cref="ModelDeployment"/> to put a registered version into the
    /// inference server's model repository.
    /// </summary>
    /// <param name="builder">The web application's builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddExperimentTracking(this WebApplicationBuilder builder) =>
        builder.AddPlatformSecurity().AddFeature(ServerFeature.ExperimentTracking, b =>
        {
            b.Services.AddAiPlatformCore(b.Configuration).AddTraining();
            b.Services.AddSingleton(sp => new ModelDeployment(
                sp.GetRequiredService<IModelRegistry>(), sp.GetRequiredService<IArtifactRepository>(), sp));
        });

    private static WebApplicationBuilder AddFeature(this WebApplicationBuilder builder, ServerFeature feature, Action<WebApplicationBuilder> add)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ServerFeature.IsRegistered(builder.Services, feature))
        {
            builder.Services.AddSingleton(feature);
            add(builder);
        }

        return builder;
    }
}
