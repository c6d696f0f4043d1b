using AiPlatform.Sdk.Vector.Indexing;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>What an embedded collection was created with, persisted as <c>collection.json</c> and checked when it is reopened.</summary>
internal sealed class CollectionSchema
{
    /// <summary>The CLR name of the key type: <c>Guid</c>, <c>String</c> or <c>Int64</c>.</summary>
    public string KeyType { get; set; } = "";

    /// <summary>The vector properties.</summary>
    public List<VectorColumnSchema> Vectors { get; set; } = [];

    /// <summary>Creates the schema of a collection model; what its vector properties leave open comes from <paramref name="defaults"/>.</summary>
    public static CollectionSchema From(CollectionModel model, VectorSettings defaults) => new()
    {
        KeyType = model.KeyProperty.Type.Name,
        Vectors = model.VectorProperties.Select(v => new VectorColumnSchema
        {
            Name = v.StorageName,
            Dimensions = v.Dimensions,
            DistanceFunction = v.DistanceFunction ?? DefaultDistance(defaults.Metric),
            IndexKind = v.IndexKind ?? (defaults.Kind == VectorIndexKind.Hnsw ? IndexKind.Hnsw : IndexKind.Flat),
            M = defaults.M,
            EfConstruction = defaults.EfConstruction,
            EfSearch = defaults.EfSearch,
            Seed = defaults.Seed,
            Quantize = defaults.Quantize,
        }).ToList(),
    };

    private static string DefaultDistance(DistanceMetric metric) => metric switch
    {
        DistanceMetric.DotProduct => DistanceFunction.DotProductSimilarity,
        DistanceMetric.Euclidean => DistanceFunction.EuclideanDistance,
        _ => DistanceFunction.CosineSimilarity,
    };

    /// <summary>Throws when <paramref name="other"/> (the record type now used) does not fit the stored collection.</summary>
    /// <exception cref="InvalidOperationException">The key type or a vector property differs.</exception>
    public void EnsureCompatible(CollectionSchema other, string collection)
    {
        if (other.KeyType != KeyType)
        {
            throw new InvalidOperationException($"Collection '{collection}' has keys of type {KeyType}, not {other.KeyType}.");
        }

        foreach (var vector in other.Vectors)
        {
            var stored = Vectors.Find(v => v.Name == vector.Name)
                ?? throw new InvalidOperationException($"Collection '{collection}' has no vector property '{vector.Name}'.");
            if (stored.Dimensions != vector.Dimensions || stored.DistanceFunction != vector.DistanceFunction)
            {
                throw new InvalidOperationException(
                    $"Vector property '{vector.Name}' of collection '{collection}' is {stored.Dimensions}-dimensional with {stored.DistanceFunction}, " +
                    $"not {vector.Dimensions}-dimensional with {vector.DistanceFunction}.");
            }
        }
    }
}

/// <summary>One vector property of a <see cref="CollectionSchema"/>.</summary>
internal sealed class VectorColumnSchema
{
    /// <summary>The storage name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The number of dimensions.</summary>
    public int Dimensions { get; set; }

    /// <summary>A <see cref="DistanceFunction"/> name.</summary>
    public string DistanceFunction { get; set; } = "";

    /// <summary>An <see cref="IndexKind"/> name: <c>Flat</c> or <c>Hnsw</c>.</summary>
    public string IndexKind { get; set; } = "";

    /// <summary>HNSW links per node (collections created before this setting existed: the default).</summary>
    public int M { get; set; } = 16;

    /// <summary>HNSW candidate list size while inserting.</summary>
    public int EfConstruction { get; set; } = 128;

    /// <summary>HNSW candidate list size while searching.</summary>
    public int EfSearch { get; set; } = 64;

    /// <summary>The seed of HNSW level generation.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Whether the HNSW index searches over int8 codes.</summary>
    public bool Quantize { get; set; }

    /// <summary>The HNSW parameters of this column.</summary>
    public HnswParameters Hnsw => new() { M = M, EfConstruction = EfConstruction, EfSearch = EfSearch, Seed = Seed };
}
