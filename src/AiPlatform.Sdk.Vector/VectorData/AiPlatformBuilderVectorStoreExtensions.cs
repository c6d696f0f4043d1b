using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk;

/// <summary>Registers the embedded <see cref="VectorStore"/>.</summary>
public static class AiPlatformBuilderVectorStoreExtensions
{
    /// <summary>
    /// Registers the <see cref="EmbeddedVectorStore"/> over the in-process engine as itself and as <see cref="VectorStore"/> (unless
    /// one is registered), persisted under <c>{AiPlatform:Vector:DataPath}/collections</c> (by default
    /// <c>{AiPlatform:DataPath}/vector/collections</c>). The registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, if any,
    /// embeds text properties and text queries. <c>AddAiPlatform()</c> registers a remote store instead when one is configured.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddVectorStore(this AiPlatformBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVector();
        builder.Services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<VectorSettings>>().Value;
            return new EmbeddedVectorStore(new EmbeddedVectorStoreOptions
            {
                Path = Path.Combine(Path.GetFullPath(settings.DataPath ?? "vector"), "collections"),
                EmbeddingGenerator = sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
                IndexDefaults = settings,
                Meter = sp.GetKeyedService<LayerTelemetry>(AiPlatformTelemetry.Vector)?.Meter,
            });
        });
        builder.Services.TryAddSingleton<VectorStore>(sp => sp.GetRequiredService<EmbeddedVectorStore>());
        return builder;
    }
}
