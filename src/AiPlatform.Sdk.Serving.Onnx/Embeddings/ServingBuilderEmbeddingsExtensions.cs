using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
            return OnnxEmbeddingGenerator.Create(settings, (file, calibrate) => registry.GetOrLoad(file, settings, calibrate), ownsModel: false, meter);
        },
        HealthCheck = static (_, context) => new EmbeddingModelHealthCheck(context.Services),
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

    private sealed class EmbeddingModelHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var generator = services.GetRequiredService<OnnxEmbeddingGenerator>();
                return Task.FromResult(HealthCheckResult.Healthy($"Model '{generator.Metadata.DefaultModelId}' is loaded."));
            }
            catch (OnnxModelException ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(ex.Message, ex));
            }
        }
    }
}
