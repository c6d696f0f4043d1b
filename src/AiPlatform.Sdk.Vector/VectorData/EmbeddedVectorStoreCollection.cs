using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// A collection of an <see cref="EmbeddedVectorStore"/>: records described by <c>[VectorStoreKey]</c>, <c>[VectorStoreData]</c>
/// and <c>[VectorStoreVector]</c> attributes or a <see cref="VectorStoreCollectionDefinition"/>, with <see cref="Guid"/>,
/// <see cref="string"/> or <see cref="long"/> keys. Vector properties index with <see cref="IndexKind.Flat"/> (default, exact) or
/// <see cref="IndexKind.Hnsw"/>, under cosine, dot-product or Euclidean distance functions. LINQ filters support equality,
/// ranges, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and <c>Contains</c>; anything else throws <see cref="NotSupportedException"/>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class EmbeddedVectorStoreCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    internal static readonly Type[] KeyTypes = [typeof(Guid), typeof(string), typeof(long)];

    internal static readonly string[] DistanceFunctions =
    [
        DistanceFunction.CosineSimilarity, DistanceFunction.CosineDistance, DistanceFunction.DotProductSimilarity,
        DistanceFunction.NegativeDotProductSimilarity, DistanceFunction.EuclideanDistance, DistanceFunction.EuclideanSquaredDistance,
    ];

    private readonly EmbeddedVectorStore _store;
    private readonly RecordMapper<TRecord> _mapper;
    private readonly CollectionSchema _schema;
    private readonly VectorStoreCollectionMetadata _metadata;

    internal EmbeddedVectorStoreCollection(EmbeddedVectorStore store, string name, VectorStoreCollectionDefinition? definition, IEmbeddingGenerator? generator)
    {
        _store = store;
        Name = name;
        var model = new RecordModelBuilder(KeyTypes, DistanceFunctions).BuildFor<TKey, TRecord>(definition, definition?.EmbeddingGenerator ?? generator);
        foreach (var vector in model.VectorProperties.Where(v => v.IndexKind is not null && v.IndexKind is not (IndexKind.Flat or IndexKind.Hnsw)))
        {
            throw new NotSupportedException($"Index kind '{vector.IndexKind}' of vector property '{vector.ModelName}' is not supported; use Flat or Hnsw.");
        }

        _mapper = new RecordMapper<TRecord>(model);
        _schema = CollectionSchema.From(model, store.IndexDefaults);
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = EmbeddedVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_store.Exists(Name));

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The collection exists with another key type or other vector dimensions.</exception>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        _store.Open(Name, _schema);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _store.Delete(Name);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var includeVectors = options?.IncludeVectors ?? false;
        _mapper.EnsureVectorsCanBeIncluded(includeVectors);
        var stored = _store.TryOpen(Name, _schema)?.Get(RecordMapper<TRecord>.NormalKey(key));
        return Task.FromResult(stored is null ? null : ToRecord(stored, includeVectors));
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        _mapper.EnsureVectorsCanBeIncluded(options.IncludeVectors);
        var predicate = FilterEvaluator.Compile(FilterTranslator.Translate(filter, _mapper.Model));
        IEnumerable<StoredRecord> records = _store.TryOpen(Name, _schema)?.Query(predicate) ?? [];
        if (options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()) is { Values.Count: > 0 } order)
        {
            records = Sort(records, order);
        }

        await Task.Yield();
        foreach (var record in records.Skip(options.Skip).Take(top))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ToRecord(record, options.IncludeVectors);
        }
    }

    /// <inheritdoc/>
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    /// <inheritdoc/>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _store.TryOpen(Name, _schema)?.Delete(keys.Select(k => RecordMapper<TRecord>.NormalKey(k)));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="VectorStoreException">The collection does not exist.</exception>
    /// <exception cref="ArgumentException">A vector has the wrong dimension, a non-finite value, or is zero under cosine; nothing is written.</exception>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<TRecord> ?? records.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var storage = Storage("Upsert");
        var stored = await _mapper.ToStorageAsync(list, cancellationToken).ConfigureAwait(false);
        storage.Upsert(stored);
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        _mapper.EnsureVectorsCanBeIncluded(options.IncludeVectors);
        var property = _mapper.Model.GetVectorPropertyOrSingle(options);
        var distanceFunction = property.DistanceFunction ?? DistanceFunction.CosineSimilarity;
        var predicate = options.Filter is null ? null : FilterEvaluator.Compile(FilterTranslator.Translate(options.Filter, _mapper.Model));
        var query = await RecordMapper<TRecord>.SearchVectorAsync(searchValue, property, cancellationToken).ConfigureAwait(false);
        var storage = _store.TryOpen(Name, _schema);
        if (storage is null)
        {
            yield break;
        }

        foreach (var (record, distance) in storage.Search(property.StorageName, query, top + options.Skip, predicate).Skip(options.Skip))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var score = ScoreMapping.ToScore(distance, distanceFunction);
            if (ScoreMapping.Passes(score, options.ScoreThreshold, distanceFunction))
            {
                yield return new VectorSearchResult<TRecord>(ToRecord(record, options.IncludeVectors), score);
            }
        }
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private CollectionStorage Storage(string operation) =>
        _store.TryOpen(Name, _schema) ?? throw new VectorStoreException($"Collection '{Name}' does not exist; call EnsureCollectionExistsAsync first.")
        {
            VectorStoreSystemName = EmbeddedVectorStore.SystemName,
            CollectionName = Name,
            OperationName = operation,
        };

    private TRecord ToRecord(StoredRecord stored, bool includeVectors) =>
        _mapper.FromStorage(stored.Key, stored.Data, stored.Vectors, includeVectors);

    private IEnumerable<StoredRecord> Sort(IEnumerable<StoredRecord> records, FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition order)
    {
        IOrderedEnumerable<StoredRecord>? sorted = null;
        foreach (var sort in order.Values)
        {
            var property = _mapper.Model.GetDataOrKeyProperty(sort.PropertySelector);
            Func<StoredRecord, object?> value = property is KeyPropertyModel
                ? r => r.Key
                : r => r.Data.GetValueOrDefault(property.StorageName);
            sorted = (sorted, sort.Ascending) switch
            {
                (null, true) => records.OrderBy(value, PayloadComparer.Instance),
                (null, false) => records.OrderByDescending(value, PayloadComparer.Instance),
                (_, true) => sorted.ThenBy(value, PayloadComparer.Instance),
                _ => sorted.ThenByDescending(value, PayloadComparer.Instance),
            };
        }

        return sorted ?? records;
    }

    private sealed class PayloadComparer : IComparer<object?>
    {
        public static readonly PayloadComparer Instance = new();

        public int Compare(object? x, object? y) => PayloadValue.Compare(x, y) ?? (x is null ? (y is null ? 0 : -1) : 1);
    }
}
