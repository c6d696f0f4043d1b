using System.Net;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Telemetry;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving;

/// <summary>Registers the Open Inference Protocol client and the embedding generator backed by it.</summary>
public static class ServingBuilderInferenceExtensions
{
    /// <summary>The configuration path of the client below <c>AiPlatform</c>.</summary>
    public const string SettingsPath = "Serving:Inference";

    /// <summary>The key of the inference client that the remote embedding generator calls.</summary>
    public const string EmbeddingsClientKey = "embeddings";

    private static readonly ClientRegistration<IInferenceClient, InferenceClientSettings> Client = new()
    {
        Part = "inference",
        SectionPath = SettingsPath,
        Layer = AiPlatformTelemetry.Serving,
        Transport = static (platform, name) =>
        {
            platform.AddPlatformGrpcClient<GRPCInferenceService.GRPCInferenceServiceClient, InferenceClientSettings>(name.With("grpc"), name.Key);
            platform.AddPlatformHttpClient<InferenceClientSettings>(name.ToString(), name.Key, o =>
            {
                o.RetryNonIdempotentRequests = true; // inference, load and unload are safe to repeat when the server never took them
                o.ConfigureResilience = RetryOnlyUnavailable;
            });
        },
        Create = Create,
        HealthCheck = static (client, _) => new InferenceHealthCheck(client),
    };

    private static readonly ClientRegistration<RemoteEmbeddingGenerator, RemoteEmbeddingSettings> Embeddings = new()
    {
        Part = "embeddings",
        SectionPath = EmbeddingGeneratorRegistration.SectionPath,
        Layer = AiPlatformTelemetry.Serving,
        Transport = static (platform, name) =>
        {
            var clientKey = EmbeddingsClientKeyOf(name.Key);
            platform.AddClient(Client, clientKey);
            platform.Services.AddOptions<InferenceClientSettings>(clientKey).Configure<IOptionsMonitor<RemoteEmbeddingSettings>>((client, monitor) =>
            {
                var embeddings = monitor.Get(name.OptionsName);
                client.Endpoint = embeddings.Endpoint;
                client.Protocol = embeddings.Protocol;
                client.Authenticate = embeddings.Authenticate;
                client.DisableTracing = embeddings.DisableTracing;
                client.DisableMetrics = embeddings.DisableMetrics;
                client.DisableHealthChecks = true; // the generator's own readiness check calls this client
            });
        },
        Create = static context =>
        {
            var generator = new RemoteEmbeddingGenerator(
                context.Services.GetRequiredKeyedService<IInferenceClient>(EmbeddingsClientKeyOf(context.Name.Key)), context.Settings);
            context.Logger<RemoteEmbeddingGenerator>().LogInformation(
                "Embeddings from model {Model} on the inference server at {Endpoint}.", context.Settings.Model, context.Settings.Endpoint);
            return generator;
        },
        HealthCheck = static (_, context) =>
            new InferenceHealthCheck(context.Services.GetRequiredKeyedService<IInferenceClient>(EmbeddingsClientKeyOf(context.Name.Key))),
    };

    /// <summary>
    /// Registers the default <see cref="IInferenceClient"/> bound to <c>AiPlatform:Serving:Inference</c>, over gRPC or REST as
    /// <see cref="InferenceClientSettings.Protocol"/> says, with the platform's retry of unavailable servers only, bearer tokens,
    /// telemetry and the readiness check <c>aiplatform-inference</c>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddInferenceClient(this ServingBuilder serving, Action<InferenceClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        serving.Platform.AddClient(Client, null, configure);
        return serving;
    }

    /// <summary>
    /// Registers a keyed <see cref="IInferenceClient"/> bound to <c>AiPlatform:Serving:Inference</c> overridden by its
    /// <c>:{key}</c> sub-section, resolved with <c>[FromKeyedServices(key)]</c>, with the readiness check <c>aiplatform-inference-{key}</c>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddKeyedInferenceClient(this ServingBuilder serving, string key, Action<InferenceClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentException.ThrowIfNullOrEmpty(key);
        serving.Platform.AddClient(Client, key, configure);
        return serving;
    }

    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (<c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>) backed
    /// by an embedding model on the inference server at <c>AiPlatform:Serving:Embeddings:Endpoint</c>, with settings from
    /// <c>AiPlatform:Serving:Embeddings</c> and the readiness check <c>aiplatform-embeddings</c>. Use it instead of the in-process ONNX
    /// embeddings to move the model to a cluster.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <param name="configurePipeline">Adds middleware such as <c>UseOpenTelemetry()</c> or <c>UseDistributedCache()</c>.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddRemoteEmbeddings(
        this ServingBuilder serving,
        Action<RemoteEmbeddingSettings>? configure = null,
        Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        serving.Platform.AddClient(Embeddings, null, configure);
        return EmbeddingGeneratorRegistration.Add<RemoteEmbeddingGenerator>(serving, configurePipeline);
    }

    /// <summary>
    /// Registers a keyed <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (and <see cref="RemoteEmbeddingGenerator"/>) bound to
    /// <c>AiPlatform:Serving:Embeddings</c> overridden by its <c>:{key}</c> sub-section, resolved with <c>[FromKeyedServices(key)]</c>;
    /// it calls the server through the keyed <see cref="IInferenceClient"/> <c>embeddings-{key}</c>, and its readiness check is
    /// <c>aiplatform-embeddings-{key}</c>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <param name="configurePipeline">Adds middleware around the generator.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddKeyedRemoteEmbeddings(
        this ServingBuilder serving,
        string key,
        Action<RemoteEmbeddingSettings>? configure = null,
        Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentException.ThrowIfNullOrEmpty(key);
        serving.Platform.AddClient(Embeddings, key, configure);
        return EmbeddingGeneratorRegistration.AddKeyed<RemoteEmbeddingGenerator>(serving, key, configurePipeline);
    }

    private static string EmbeddingsClientKeyOf(string? key) => key is null ? EmbeddingsClientKey : $"{EmbeddingsClientKey}-{key}";

    private static IInferenceClient Create(ClientContext<InferenceClientSettings> context)
    {
        var settings = context.Settings;
        var services = context.Services;
        IInferenceTransport transport = settings.Protocol == InferenceProtocol.Grpc
            ? new GrpcInferenceTransport(
                services.GetRequiredService<GrpcClientFactory>().CreateClient<GRPCInferenceService.GRPCInferenceServiceClient>(context.Name.With("grpc")),
                settings.Endpoint, context.Time)
            : new RestInferenceTransport(services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString(), settings.Endpoint);
        return new InferenceClient(transport, settings, context.Instrumentation<InferenceClient>("inference", settings.Endpoint), context.Logger<InferenceClient>());
    }

    // Only a server that never took the call is retried: 503 Service Unavailable or a refused connection.
    private static void RetryOnlyUnavailable(HttpStandardResilienceOptions resilience)
    {
        var standard = resilience.Retry.ShouldHandle;
        resilience.Retry.ShouldHandle = async args =>
            await standard(args).ConfigureAwait(false) && args.Outcome switch
            {
                { Result.StatusCode: HttpStatusCode.ServiceUnavailable } => true,
                { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
                _ => false,
            };
    }
}
