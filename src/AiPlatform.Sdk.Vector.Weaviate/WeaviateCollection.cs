using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Vector.VectorData;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;
using Struct = Google.Protobuf.WellKnownTypes.Struct;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>
/// A Weaviate class seen as a <see cref="VectorStoreCollection{TKey, TRecord}"/>: every vector property is a named vector with the
/// Weaviate distance of its <see cref="DistanceFunction"/>; near-vector search, hybrid (BM25 + vector) search weighted by
/// <see cref="WeaviateSettings.HybridAlpha"/>, LINQ filters, the configured tenant and consistency level; batch import reports
/// rejected objects with <see cref="WeaviateBatchException"/>.
/// </summary>
/// <typeparam name="TKey">The key type: <see cref="Guid"/> (or <see cref="object"/> holding one, for dynamic records).</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class WeaviateCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>, IKeywordHybridSearchable<TRecord>
    where TKey : notnull
    where TRecord : class
{
    private static readonly string[] DistanceFunctions =
    [
        DistanceFunction.CosineSimilarity, DistanceFunction.CosineDistance, DistanceFunction.DotProductSimilarity,
        DistanceFunction.NegativeDotProductSimilarity, DistanceFunction.EuclideanDistance, DistanceFunction.EuclideanSquaredDistance,
        DistanceFunction.HammingDistance, DistanceFunction.ManhattanDistance,
    ];

    private readonly WeaviateTransport _transport;
    private readonly RecordMapper<TRecord> _mapper;
    private readonly Dictionary<string, PropertyModel> _byWeaviateName;
    private readonly VectorStoreCollectionMetadata _metadata;

    internal WeaviateCollection(WeaviateTransport transport, string name, VectorStoreCollectionDefinition? definition, IEmbeddingGenerator? generator)
    {
        _transport = transport;
        Name = name;
        var model = new RecordModelBuilder([typeof(Guid)], DistanceFunctions).BuildFor<TKey, TRecord>(definition, definition?.EmbeddingGenerator ?? generator);
        _mapper = new RecordMapper<TRecord>(model);
        _byWeaviateName = model.DataProperties.ToDictionary(p => WeaviateNames.Property(p.StorageName), p => (PropertyModel)p, StringComparer.Ordinal);
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = WeaviateVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _transport.ClassExistsAsync(Name, cancellationToken);

    /// <inheritdoc/>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (!await _transport.ClassExistsAsync(Name, cancellationToken).ConfigureAwait(false))
        {
            await _transport.CreateClassAsync(ClassDefinition(), cancellationToken).ConfigureAwait(false);
        }

        if (_transport.Settings.Tenant is { } tenant)
        {
            await _transport.CreateTenantAsync(Name, tenant, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _transport.DeleteClassAsync(Name, cancellationToken);

    /// <inheritdoc/>
    public override async Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var includeVectors = options?.IncludeVectors ?? false;
        _mapper.EnsureVectorsCanBeIncluded(includeVectors);
        var found = await _transport.GetObjectAsync(Name, Id(key), includeVectors, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in found.Properties ?? [])
        {
            if (_byWeaviateName.TryGetValue(name, out var property))
            {
                data[property.StorageName] = WeaviateValues.FromJson(value, property.Type);
            }
        }

        var vectors = found.Vectors?.ToDictionary(v => v.Key, v => (float[]?)v.Value, StringComparer.Ordinal);
        return _mapper.FromStorage(found.Id, data, vectors, includeVectors);
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
        var request = NewRequest(top, options.Skip, options.IncludeVectors, filter);
        if (request is null)
        {
            yield break;
        }

        if (options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()) is { } order)
        {
            foreach (var sort in order.Values)
            {
                var property = _mapper.Model.GetDataOrKeyProperty(sort.PropertySelector);
                var path = property is KeyPropertyModel ? "_id" : WeaviateNames.Property(property.StorageName);
                request.SortBy.Add(new SortBy { Ascending = sort.Ascending, Path = { path } });
            }
        }

        var reply = await _transport.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var result in reply.Results)
        {
            yield return ToRecord(result, options.IncludeVectors);
        }
    }

    /// <inheritdoc/>
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) =>
        _transport.DeleteObjectAsync(Name, Id(key), cancellationToken);

    /// <inheritdoc/>
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="WeaviateBatchException">Weaviate rejected some objects; the others were stored.</exception>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<TRecord> ?? records.ToList();
        var stored = await _mapper.ToStorageAsync(list, cancellationToken).ConfigureAwait(false);
        var errors = new List<WeaviateObjectError>();
        for (var start = 0; start < stored.Count; start += _transport.Settings.BatchSize)
        {
            var batch = stored.Skip(start).Take(_transport.Settings.BatchSize).ToList();
            var request = new BatchObjectsRequest();
            if (_transport.ConsistencyLevel is { } level)
            {
                request.ConsistencyLevel = level;
            }

            request.Objects.AddRange(batch.Select(ToObject));
            var reply = await _transport.BatchObjectsAsync(request, cancellationToken).ConfigureAwait(false);
            errors.AddRange(reply.Errors.Select(e => new WeaviateObjectError(start + e.Index, (Guid)batch[e.Index].Key, e.Error)));
        }

        if (errors.Count > 0)
        {
            throw new WeaviateBatchException(Name, errors);
        }
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
        _mapper.EnsureVectorsCanBeIncluded(options.IncludeVectors);
        var property = _mapper.Model.GetVectorPropertyOrSingle(options);
        var distanceFunction = property.DistanceFunction ?? DistanceFunction.CosineSimilarity;
        var query = await RecordMapper<TRecord>.SearchVectorAsync(searchValue, property, cancellationToken).ConfigureAwait(false);
        var request = NewRequest(top, options.Skip, options.IncludeVectors, options.Filter);
        if (request is null)
        {
            yield break;
        }

        request.NearVector = new NearVector { Targets = new Targets { TargetVectors = { property.StorageName } }, Vectors = { Vector(property.StorageName, query) } };
        request.Metadata.Distance = true;
        var reply = await _transport.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var result in reply.Results)
        {
            var score = ScoreMapping.ToScore(result.Metadata.Distance, distanceFunction);
            if (ScoreMapping.Passes(score, options.ScoreThreshold, distanceFunction))
            {
                yield return new VectorSearchResult<TRecord>(ToRecord(result, options.IncludeVectors), score);
            }
        }
    }

    /// <summary>
    /// Hybrid search: BM25 over the full-text property (or <see cref="HybridSearchOptions{TRecord}.AdditionalProperty"/>) fused with
    /// near-vector search by relative score, weighted by <see cref="WeaviateSettings.HybridAlpha"/>. Scores are Weaviate's fused
    /// scores, higher is better.
    /// </summary>
    /// <inheritdoc/>
    public async IAsyncEnumerable<VectorSearchResult<TRecord>> HybridSearchAsync<TInput>(
        TInput searchValue,
        ICollection<string> keywords,
        int top,
        HybridSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new HybridSearchOptions<TRecord>();
        _mapper.EnsureVectorsCanBeIncluded(options.IncludeVectors);
        var vectorProperty = _mapper.Model.GetVectorPropertyOrSingle(new VectorSearchOptions<TRecord> { VectorProperty = options.VectorProperty });
        var textProperty = _mapper.Model.GetFullTextDataPropertyOrSingle(options.AdditionalProperty);
        var query = await RecordMapper<TRecord>.SearchVectorAsync(searchValue, vectorProperty, cancellationToken).ConfigureAwait(false);
        var request = NewRequest(top, options.Skip, options.IncludeVectors, options.Filter);
        if (request is null)
        {
            yield break;
        }

        request.HybridSearch = new Hybrid
        {
            Query = string.Join(' ', keywords),
            Properties = { WeaviateNames.Property(textProperty.StorageName) },
            Alpha = _transport.Settings.HybridAlpha,
            FusionType = Hybrid.Types.FusionType.RelativeScore,
            Targets = new Targets { TargetVectors = { vectorProperty.StorageName } },
            Vectors = { Vector(vectorProperty.StorageName, query) },
        };
        request.Metadata.Score = true;
        var reply = await _transport.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var result in reply.Results)
        {
            if (options.ScoreThreshold is not { } threshold || result.Metadata.Score >= threshold)
            {
                yield return new VectorSearchResult<TRecord>(ToRecord(result, options.IncludeVectors), result.Metadata.Score);
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

    /// <summary>The search request with paging, vectors, tenant, consistency level and filter; null when the filter is constant false.</summary>
    private SearchRequest? NewRequest(int top, int skip, bool includeVectors, Expression<Func<TRecord, bool>>? filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var request = new SearchRequest
        {
            Collection = Name,
            Limit = (uint)top,
            Offset = (uint)skip,
            Properties = new PropertiesRequest { ReturnAllNonrefProperties = true },
            Metadata = new MetadataRequest { Uuid = true },
            Uses127Api = true,
        };
        if (includeVectors)
        {
            request.Metadata.Vectors.AddRange(_mapper.Model.VectorProperties.Select(v => v.StorageName));
        }

        if (_transport.Settings.Tenant is { } tenant)
        {
            request.Tenant = tenant;
        }

        if (_transport.ConsistencyLevel is { } level)
        {
            request.ConsistencyLevel = level;
        }

        switch (filter is null ? null : FilterTranslator.Translate(filter, _mapper.Model))
        {
            case ConstantNode { Value: false }:
                return null;
            case null or ConstantNode { Value: true }:
                break;
            case var node:
                request.Filters = WeaviateFilterMapper.Map(node);
                break;
        }

        return request;
    }

    private TRecord ToRecord(SearchResult result, bool includeVectors)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in result.Properties?.NonRefProps?.Fields ?? [])
        {
            if (_byWeaviateName.TryGetValue(name, out var property))
            {
                data[property.StorageName] = WeaviateValues.FromProto(value);
            }
        }

        var vectors = result.Metadata.Vectors.ToDictionary(v => v.Name, v => (float[]?)WeaviateValues.Unpack(v.VectorBytes), StringComparer.Ordinal);
        return _mapper.FromStorage(Guid.Parse(result.Metadata.Id), data, vectors, includeVectors);
    }

    private BatchObject ToObject((object Key, IReadOnlyDictionary<string, object?> Data, IReadOnlyDictionary<string, float[]?> Vectors) record)
    {
        var properties = new BatchObject.Types.Properties { NonRefProperties = new Struct() };
        foreach (var (name, value) in record.Data)
        {
            WeaviateValues.AddTo(properties, WeaviateNames.Property(name), value);
        }

        var item = new BatchObject { Uuid = record.Key.ToString(), Collection = Name, Properties = properties, Tenant = _transport.Settings.Tenant ?? "" };
        foreach (var (name, vector) in record.Vectors)
        {
            if (vector is not null)
            {
                item.Vectors.Add(Vector(name, vector));
            }
        }

        return item;
    }

    private WeaviateClassDto ClassDefinition() => new()
    {
        Class = Name,
        Properties = _mapper.Model.DataProperties.Select(p => new WeaviatePropertyDto
        {
            Name = WeaviateNames.Property(p.StorageName),
            DataType = [WeaviateValues.DataType(p.Type)],
            IndexFilterable = p.IsIndexed ? true : null,
            IndexSearchable = p.IsFullTextIndexed ? true : null,
        }).ToList(),
        VectorConfig = _mapper.Model.VectorProperties.ToDictionary(v => v.StorageName, v => new WeaviateVectorConfigDto
        {
            VectorIndexType = v.IndexKind switch
            {
                IndexKind.Flat => "flat",
                IndexKind.Dynamic => "dynamic",
                _ => "hnsw",
            },
            VectorIndexConfig = new WeaviateVectorIndexConfigDto { Distance = Distance(v.DistanceFunction ?? DistanceFunction.CosineSimilarity) },
        }),
        MultiTenancyConfig = _transport.Settings.Tenant is null ? null : new WeaviateMultiTenancyDto { Enabled = true },
    };

    private static string Distance(string distanceFunction) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity or DistanceFunction.CosineDistance => "cosine",
        DistanceFunction.DotProductSimilarity or DistanceFunction.NegativeDotProductSimilarity => "dot",
        DistanceFunction.HammingDistance => "hamming",
        DistanceFunction.ManhattanDistance => "manhattan",
        _ => "l2-squared",
    };

    private static Vectors Vector(string name, ReadOnlySpan<float> vector) =>
        new() { Name = name, VectorBytes = WeaviateValues.Pack(vector), Type = Vectors.Types.VectorType.SingleFp32 };

    private static Guid Id(TKey key) => key switch
    {
        Guid guid => guid,
        _ => throw new ArgumentException($"Weaviate keys are Guids, not {key.GetType().Name}.", nameof(key)),
    };
}
