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

    /// <summary>Creates the schema of a collection model.</summary>
    public static CollectionSchema From(CollectionModel model) => new()
    {
        KeyType = model.KeyProperty.Type.Name,
        Vectors = model.VectorProperties.Select(v => new VectorColumnSchema
        {
            Name = v.StorageName,
            Dimensions = v.Dimensions,
            DistanceFunction = v.DistanceFunction ?? DistanceFunction.CosineSimilarity,
            IndexKind = v.IndexKind ?? IndexKind.Flat,
        }).ToList(),
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
}
