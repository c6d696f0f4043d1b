using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.VectorData;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the <see cref="EmbeddedVectorStore"/> and its collections the way other <c>Microsoft.Extensions.VectorData</c>
/// providers do (<c>AddInMemoryVectorStore</c>, <c>AddQdrantCollection</c>): without the platform builder or configuration
/// sections. <c>AddAiPlatform().AddVectorStore()</c> is the configuration-driven alternative.
/// </summary>
public static class EmbeddedVectorStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="EmbeddedVectorStore"/> singleton as itself and as <see cref="VectorStore"/> (unless one is registered).
    /// Without <see cref="EmbeddedVectorStoreOptions.EmbeddingGenerator"/>, the registered
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings, if any, embeds text.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the folder (none keeps collections in memory) and the embedding generator.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddEmbeddedVectorStore(this IServiceCollection services, Action<EmbeddedVectorStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => Create(sp, configure));
        services.TryAddSingleton<VectorStore>(sp => sp.GetRequiredService<EmbeddedVectorStore>());
        return services;
    }

    /// <summary>Registers an <see cref="EmbeddedVectorStore"/> singleton keyed by <paramref name="serviceKey"/>, as itself and as <see cref="VectorStore"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key of this store.</param>
    /// <param name="configure">Sets the folder (none keeps collections in memory) and the embedding generator.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddKeyedEmbeddedVectorStore(
        this IServiceCollection services, object serviceKey, Action<EmbeddedVectorStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        services.TryAddKeyedSingleton(serviceKey, (sp, _) => Create(sp, configure));
        services.TryAddKeyedSingleton<VectorStore>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<EmbeddedVectorStore>(key));
        return services;
    }

    /// <summary>
    /// Registers the collection <paramref name="name"/> of the registered <see cref="EmbeddedVectorStore"/> as
    /// <see cref="VectorStoreCollection{TKey, TRecord}"/> and <see cref="IVectorSearchable{TRecord}"/> singletons. Register the store
    /// with <see cref="AddEmbeddedVectorStore"/> (or <c>AddVectorStore()</c>).
    /// </summary>
    /// <typeparam name="TKey">The key type: <see cref="Guid"/>, <see cref="string"/> or <see cref="long"/>.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="definition">A code-first description of the record, instead of its attributes.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddEmbeddedVectorStoreCollection<TKey, TRecord>(
        this IServiceCollection services, string name, VectorStoreCollectionDefinition? definition = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.TryAddSingleton(sp => sp.GetRequiredService<EmbeddedVectorStore>().GetCollection<TKey, TRecord>(name, definition));
        services.TryAddSingleton<IVectorSearchable<TRecord>>(sp => sp.GetRequiredService<VectorStoreCollection<TKey, TRecord>>());
        return services;
    }

    /// <summary>
    /// Registers the collection <paramref name="name"/> keyed by <paramref name="serviceKey"/> as
    /// <see cref="VectorStoreCollection{TKey, TRecord}"/> and <see cref="IVectorSearchable{TRecord}"/> singletons, from the
    /// <see cref="EmbeddedVectorStore"/> registered with the same key, or from the unkeyed one when there is none.
    /// </summary>
    /// <typeparam name="TKey">The key type: <see cref="Guid"/>, <see cref="string"/> or <see cref="long"/>.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key of this registration.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="definition">A code-first description of the record, instead of its attributes.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddKeyedEmbeddedVectorStoreCollection<TKey, TRecord>(
        this IServiceCollection services, object serviceKey, string name, VectorStoreCollectionDefinition? definition = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.TryAddKeyedSingleton(serviceKey, (sp, key) =>
            (sp.GetKeyedService<EmbeddedVectorStore>(key) ?? sp.GetRequiredService<EmbeddedVectorStore>()).GetCollection<TKey, TRecord>(name, definition));
        services.TryAddKeyedSingleton<IVectorSearchable<TRecord>>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<VectorStoreCollection<TKey, TRecord>>(key));
        return services;
    }

    private static EmbeddedVectorStore Create(IServiceProvider services, Action<EmbeddedVectorStoreOptions>? configure)
    {
        var options = new EmbeddedVectorStoreOptions();
        configure?.Invoke(options);
        options.EmbeddingGenerator ??= services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        return new EmbeddedVectorStore(options);
    }
}
