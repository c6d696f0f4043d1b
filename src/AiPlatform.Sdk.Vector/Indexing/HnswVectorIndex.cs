using AiPlatform.Sdk.Vector.Quantization;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// An approximate index over an HNSW graph: logarithmic search, deterministic for a seed and insert order, optional int8
/// quantization with float re-ranking.
/// </summary>
public sealed class HnswVectorIndex : VectorIndex
{
    /// <summary>Creates an empty HNSW index.</summary>
    /// <param name="dimension">The number of dimensions; positive.</param>
    /// <param name="metric">The distance metric.</param>
    /// <param name="parameters">Graph parameters; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension or a parameter is out of range.</exception>
    public HnswVectorIndex(int dimension, DistanceMetric metric = DistanceMetric.Cosine, HnswParameters? parameters = null)
        : this(new HnswCore(FlatVectorIndex.CheckDimension(dimension), metric, Checked(parameters ?? new HnswParameters())))
    {
    }

    internal HnswVectorIndex(HnswCore core)
        : base(core)
    {
    }

    /// <summary>The graph parameters.</summary>
    public HnswParameters Parameters => ((HnswCore)Core).Parameters;

    /// <summary>Whether searches walk the graph over int8 codes (see <see cref="Quantize"/>).</summary>
    public bool IsQuantized => ((HnswCore)Core).Quantizer is not null;

    /// <summary>
    /// Adds int8 codes for every record (the scale is trained on the stored vectors) and for every later insert; searches then walk
    /// the graph over the codes and re-rank their candidates with the float vectors. Calling it again keeps the first scale.
    /// </summary>
    /// <exception cref="InvalidOperationException">The index is empty, so there is nothing to train the scale on.</exception>
    public void Quantize() => UnderWriteLock(core =>
    {
        var hnsw = (HnswCore)core;
        if (hnsw.Quantizer is not null)
        {
            return true;
        }

        var rows = Math.Min(hnsw.Vectors.Count, 20_000);
        if (rows == 0)
        {
            throw new InvalidOperationException("An empty index cannot be quantized: insert vectors first.");
        }

        var samples = new float[rows * hnsw.Dimension];
        for (var slot = 0; slot < rows; slot++)
        {
            hnsw.Vectors[slot].CopyTo(samples.AsSpan(slot * hnsw.Dimension));
        }

        hnsw.SetQuantizer(Int8Quantizer.Train(samples), new RowStore<sbyte>(hnsw.Dimension));
        return true;
    });

    private static HnswParameters Checked(HnswParameters parameters)
    {
        parameters.Validate();
        return parameters;
    }
}
