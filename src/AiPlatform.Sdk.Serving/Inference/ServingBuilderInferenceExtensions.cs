using System.Net;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Telemetry;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving;

/// <summary>Registers the Open Inference Protocol client.</summary>
public static class ServingBuilderInferenceExtensions
{
    /// <summary>The configuration path of the client below <c>AiPlatform</c>.</summary>
    public const string SettingsPath = "Serving:Inference";

    /// <summary>The configuration path of the remote embedding generator below <c>AiPlatform</c>.</summary>
    public const string EmbeddingsSettingsPath = "Serving:Inference:Embeddings";

    /// <summary>
    /// Registers <see cref="IInferenceClient"/> bound to <c>AiPlatform:Serving:Inference</c> (a keyed client also to its
    /// <c>:{name}</c> sub-section), over gRPC or REST as <see cref="InferenceClientSettings.Protocol"/> says, with the platform's
    /// retry of unavailable servers only, bearer tokens, telemetry and the readiness check <c>aiplatform-inference[-{name}]</c>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="name">The key of a keyed client, resolved with <c>[FromKeyedServices(name)]</c>; <see langword="null"/> for the default one.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddInferenceClient(
        this ServingBuilder serving, string? name = null, Action<InferenceClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        var platform = serving.Platform;
        platform.AddSettings(SettingsPath, configure, name);
        var marker = new RegistrationMarker(name);
        if (serving.Services.Any(d => d.ServiceType == typeof(RegistrationMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return serving;
        }

        serving.Services.AddSingleton(marker);
        platform.AddLayerTelemetry(AiPlatformTelemetry.Serving);
        var suffix = name is null ? string.Empty : "-" + name;
        var grpcName = "inference-grpc" + suffix;
        var restName = "inference" + suffix;
        platform.AddPlatformGrpcClient<GRPCInferenceService.GRPCInferenceServiceClient, InferenceClientSettings>(grpcName, name);
        platform.AddPlatformHttpClient<InferenceClientSettings>(restName, name, o =>
        {
            o.RetryNonIdempotentRequests = true; // inference, load and unload are safe to repeat when the server never took them
            o.ConfigureResilience = RetryOnlyUnavailable;
        });

        IInferenceClient Create(IServiceProvider sp)
        {
            var settings = sp.GetRequiredService<IOptionsMonitor<InferenceClientSettings>>().Get(name ?? Options.DefaultName);
            var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            IInferenceTransport transport = settings.Protocol == InferenceProtocol.Grpc
                ? new GrpcInferenceTransport(
                    sp.GetRequiredService<GrpcClientFactory>().CreateClient<GRPCInferenceService.GRPCInferenceServiceClient>(grpcName), settings.Endpoint, time)
                : new RestInferenceTransport(sp.GetRequiredService<IHttpClientFactory>(), restName, settings.Endpoint);
            return new InferenceClient(
                transport, settings, sp.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Serving), time,
                sp.GetRequiredService<ILogger<InferenceClient>>());
        }

        platform.AddClient(name, Create);
        if (!platform.ReadSettings(SettingsPath, configure, name).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck("aiplatform-inference" + suffix,
                sp => new InferenceHealthCheck(AiPlatformBuilder.GetClient<IInferenceClient>(sp, name)));
        }

        return serving;
    }

    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (<c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>) backed
    /// by an embedding model on the inference server, with settings from <c>AiPlatform:Serving:Inference:Embeddings</c>; the default
    /// <see cref="IInferenceClient"/> is registered too. Use it instead of the in-process ONNX embeddings to move the model to a cluster.
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
        serving.AddInferenceClient();
        serving.Platform.AddSettings(EmbeddingsSettingsPath, configure);
        serving.Services.TryAddSingleton(sp => new RemoteEmbeddingGenerator(
            sp.GetRequiredService<IInferenceClient>(), sp.GetRequiredService<IOptions<RemoteEmbeddingSettings>>().Value));
        var pipeline = serving.Services.AddEmbeddingGenerator(sp => sp.GetRequiredService<RemoteEmbeddingGenerator>());
        configurePipeline?.Invoke(pipeline);
        return serving;
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

    private sealed record RegistrationMarker(string? Name);
}
