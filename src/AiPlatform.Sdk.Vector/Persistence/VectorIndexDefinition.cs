using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>What a persistent index is made of; used when its folder is created and checked against the files when it is reopened.</summary>
public sealed record VectorIndexDefinition
{
    /// <summary>The number of dimensions; positive.</summary>
    public required int Dimension { get; init; }

    /// <summary>The distance metric. Default cosine.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Cosine;

    /// <summary>Flat (exact) or HNSW (approximate). Default HNSW.</summary>
    public VectorIndexKind Kind { get; init; } = VectorIndexKind.Hnsw;

    /// <summary>The HNSW parameters (ignored for flat indexes).</summary>
    public HnswParameters Hnsw { get; init; } = new();

    internal VectorIndex CreateEmpty() => Kind == VectorIndexKind.Flat
        ? new FlatVectorIndex(Dimension, Metric)
        : new HnswVectorIndex(Dimension, Metric, Hnsw);
}
