using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>
/// A <see cref="VectorStore"/> over Weaviate 1.25+: collections are Weaviate classes with one named vector per vector property
/// (vectorizer <c>none</c>); schema and single objects use REST, search and batch import use gRPC. Keys are <see cref="Guid"/>s.
/// Obtain it from dependency injection (<c>AddWeaviateVectorStore()</c>). Thread-safe.
/// </summary>
public sealed class WeaviateVectorStore : VectorStore
{
    internal const string SystemName = "weaviate";
    private readonly WeaviateTransport _transport;
    private readonly IEmbeddingGenerator? _generator;
    private readonly VectorStoreMetadata _metadata;

    internal WeaviateVectorStore(WeaviateTransport transport, IEmbeddingGenerator? generator)
    {
        _transport = transport;
        _generator = generator;
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = SystemName, VectorStoreName = transport.Settings.Endpoint?.ToString() };
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name is not a valid Weaviate class name.</exception>
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null) =>
        typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new ArgumentException(VectorDataStrings.GetCollectionWithDictionaryNotSupported)
            : new WeaviateCollection<TKey, TRecord>(_transport, WeaviateNames.Class(name), definition, _generator);

    /// <inheritdoc/>
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        new WeaviateCollection<object, Dictionary<string, object?>>(_transport, WeaviateNames.Class(name), definition, _generator);

    /// <inheritdoc/>
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var schema = await _transport.GetSchemaAsync(cancellationToken).ConfigureAwait(false);
        foreach (var definition in schema?.Classes ?? [])
        {
            yield return definition.Class;
        }
    }

    /// <inheritdoc/>
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.ClassExistsAsync(WeaviateNames.Class(name), cancellationToken);

    /// <inheritdoc/>
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.DeleteClassAsync(WeaviateNames.Class(name), cancellationToken);

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }
}
