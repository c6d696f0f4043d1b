using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>What the remote and the local embedding generators share: their section and how one becomes the application's generator.</summary>
internal static class EmbeddingGeneratorRegistration
{
    /// <summary>The configuration path of text embeddings below <c>AiPlatform</c>, local or remote.</summary>
    public const string SectionPath = "Serving:Embeddings";

    /// <summary>Makes <typeparamref name="TGenerator"/> the application's embedding generator unless one is registered already.</summary>
    public static ServingBuilder Add<TGenerator>(
        ServingBuilder serving, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline)
        where TGenerator : class, IEmbeddingGenerator<string, Embedding<float>>
    {
        var pipeline = new EmbeddingGeneratorBuilder<string, Embedding<float>>(sp => sp.GetRequiredService<TGenerator>());
        configurePipeline?.Invoke(pipeline);
        serving.Services.TryAddSingleton(pipeline.Build);
        return serving;
    }

    /// <summary>Registers the keyed <typeparamref name="TGenerator"/> as the application's embedding generator under <paramref name="key"/>.</summary>
    public static ServingBuilder AddKeyed<TGenerator>(
        ServingBuilder serving, string key, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? configurePipeline)
        where TGenerator : class, IEmbeddingGenerator<string, Embedding<float>>
    {
        serving.Services.TryAddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(key, (services, serviceKey) =>
        {
            var pipeline = new EmbeddingGeneratorBuilder<string, Embedding<float>>(sp => sp.GetRequiredKeyedService<TGenerator>(serviceKey));
            configurePipeline?.Invoke(pipeline);
            return pipeline.Build(services);
        });
        return serving;
    }
}
