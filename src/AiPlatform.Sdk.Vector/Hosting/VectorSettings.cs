using System.ComponentModel.DataAnnotations;
using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector;

/// <summary>Settings of the in-process vector engine, bound from <c>AiPlatform:Vector</c>.</summary>
public sealed class VectorSettings : AiPlatformClientSettings
{
    /// <summary>The folder that holds one sub-folder per named index. Default <c>{AiPlatform:DataPath}/vector</c>.</summary>
    public string? DataPath { get; set; }

    /// <summary>The metric of indexes created without one. Default <see cref="DistanceMetric.Cosine"/>.</summary>
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    /// <summary>The kind of indexes created without one. Default <see cref="VectorIndexKind.Hnsw"/>.</summary>
    public VectorIndexKind Kind { get; set; } = VectorIndexKind.Hnsw;

    /// <summary>HNSW links per node. Default 16.</summary>
    [Range(2, 128)]
    public int M { get; set; } = 16;

    /// <summary>HNSW candidate list size while inserting. Default 128.</summary>
    [Range(2, 4096)]
    public int EfConstruction { get; set; } = 128;

    /// <summary>HNSW default candidate list size while searching. Default 64.</summary>
    [Range(1, 4096)]
    public int EfSearch { get; set; } = 64;

    /// <summary>The seed of HNSW level generation. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// HNSW indexes walk their graph over int8 codes and re-rank with the float vectors; the scale is trained once an index holds
    /// records. Default <see langword="false"/>.
    /// </summary>
    public bool Quantize { get; set; }

    /// <summary>
    /// Open index files through a memory mapping instead of copying their vectors (the engine's persistent indexes; embedded
    /// collections rebuild their indexes in memory from their record log). Default <see langword="false"/>.
    /// </summary>
    public bool MemoryMapped { get; set; }

    /// <summary>Checkpoint an index once its write-ahead log passes this many bytes. Default 64 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long CheckpointBytes { get; set; } = 64L << 20;
}
