namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>The structure of an index.</summary>
public enum VectorIndexKind
{
    /// <summary>Exact search by a full scan (<see cref="FlatVectorIndex"/>).</summary>
    Flat = 0,

    /// <summary>Approximate search over an HNSW graph (<see cref="HnswVectorIndex"/>).</summary>
    Hnsw = 1,
}
