using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving;

/// <summary>Registers local text embeddings.</summary>
public static class ServingBuilderEmbeddingsExtensions
{
    /// <summary>The configuration path of text embeddings below <c>AiPlatform</c>, local or remote.</summary>
    public const string SettingsPath = EmbeddingGeneratorRegistration.SectionPath;

    /// <summary>The name of the readiness check that loads the embedding model.</summary>
    public const string HealthCheckName = "aiplatform-embeddings";

    private static readonly ClientRegistration<OnnxEmbeddingGenerator, OnnxEmbeddingSettings> Client = new()
    {
        Part = "embeddings",
        SectionPath = SettingsPath,
        Layer = AiPlatformTelemetry.Serving,
        Transport = static (platform, _) => ServingBuilderOnnxExtensions.AddOnnxModels(platform, null),
        Create = static context =>
        {
            var registry = context.Services.GetRequiredService<OnnxModelRegistry>();
            var meter = context.Services.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Serving).Meter;
            var settings = context.Settings;
            var generator = OnnxEmbeddingGenerator.Create(
                settings, (file, calibrate) => registry.GetOrLoad(file, settings, calibrate), ownsModel: false, meter,
                context.Instrumentation<OnnxEmbeddingGenerator>("embeddings"));
            context.Logger<OnnxEmbeddingGenerator>().LogInformation(
                "Embedding model {ModelId} loaded from {ModelPath} ({Dimensions} dimensions).",
                generator.Metadata.DefaultModelId, settings.ModelPath, generator.Metadata.DefaultModelDimensions);
            return generator;
        },
        HealthCheck = static (generator, _) => new EmbeddingModelHealthCheck(generator),
    };

    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> to <see cref="Embedding{T}"/> of <see cref="float"/>
    /// backed by an in-process ONNX model, with settings from <c>AiPlatform:Serving:Embeddings</c> (see <see cref="OnnxEmbeddingSettings"/>).
    /// The model loads on first use, or when the readiness check <see cref="HealthCheckName"/> runs; its session is shared through
    /// <see cref="OnnxModelRegistry"/>. The first embedding generator registered is the application's; calling it again only applies
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="configure">Code-first changes, applied after configuration.</param>
    /// <param name="configurePipeline">Adds middleware such as <c>UseOpenTelemetry()</c> or <c>UseDistributedCache()</c> around the generator.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddOnnxEmbeddings(
        this ServingBuilder serving,
        Action<OnnxEmbeddingSettings>? configure = null,
        Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        serving.Platform.AddClient(Client, null, configure);
        return EmbeddingGeneratorRegistration.Add<OnnxEmbeddingGenerator>(serving, configurePipeline);
    }

    /// <summary>
    /// Registers a keyed <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (and <see cref="OnnxEmbeddingGenerator"/>) bound to
    /// <c>AiPlatform:Serving:Embeddings</c> overridden by its <c>:{key}</c> sub-section, resolved with <c>[FromKeyedServices(key)]</c>,
    /// with the readiness check <c>aiplatform-embeddings-{key}</c>: a second model beside the application's.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first changes, applied after configuration.</param>
    /// <param name="configurePipeline">Adds middleware around the generator.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddKeyedOnnxEmbeddings(
        this ServingBuilder serving,
        string key,
        Action<OnnxEmbeddingSettings>? configure = null,
        Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentException.ThrowIfNullOrEmpty(key);
        serving.Platform.AddClient(Client, key, configure);
        return EmbeddingGeneratorRegistration.AddKeyed<OnnxEmbeddingGenerator>(serving, key, configurePipeline);
    }

    /// <summary>Healthy once the model is loaded; a model that fails to load fails the generator's creation, which reports unhealthy with the reason.</summary>
    private sealed class EmbeddingModelHealthCheck(OnnxEmbeddingGenerator generator) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy($"Model '{generator.Metadata.DefaultModelId}' is loaded."));
    }
}
