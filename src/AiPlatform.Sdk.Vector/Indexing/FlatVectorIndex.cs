namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>The exact index: every search scans all rows (contiguous storage, bounded top-k heap, optional parallel scan).</summary>
public sealed class FlatVectorIndex : VectorIndex
{
    /// <summary>Creates an empty exact index.</summary>
    /// <param name="dimension">The number of dimensions; positive.</param>
    /// <param name="metric">The distance metric.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not positive.</exception>
    public FlatVectorIndex(int dimension, DistanceMetric metric = DistanceMetric.Cosine)
        : this(new FlatCore(CheckDimension(dimension), metric))
    {
    }

    internal FlatVectorIndex(FlatCore core)
        : base(core)
    {
    }

    /// <summary>
    /// Answers a batch of queries in one pass over the rows, using the register-blocked multi-query kernel: much faster per query
    /// than one <see cref="VectorIndex.Search"/> call each.
    /// </summary>
    /// <param name="queries">Row-major queries, a multiple of <see cref="VectorIndex.Dimension"/> long.</param>
    /// <param name="k">How many results per query; positive.</param>
    /// <param name="filter">An optional filter over record ids.</param>
    /// <returns>One list of up to <paramref name="k"/> matches per query, nearest first.</returns>
    /// <exception cref="ArgumentException">A query is invalid, the length is not a multiple of the dimension, or k is not positive.</exception>
    public IReadOnlyList<IReadOnlyList<VectorMatch>> SearchBatch(ReadOnlySpan<float> queries, int k, Func<long, bool>? filter = null)
    {
        var core = (FlatCore)Core;
        VectorInput.CheckK(k);
        var dimension = core.Dimension;
        if (queries.Length % dimension != 0)
        {
            throw new ArgumentException($"The length of the queries ({queries.Length}) is not a multiple of the dimension ({dimension}).", nameof(queries));
        }

        var count = queries.Length / dimension;
        var prepared = new float[queries.Length];
        for (var q = 0; q < count; q++)
        {
            var query = queries.Slice(q * dimension, dimension);
            VectorInput.Check(query, dimension, core.Metric, nameof(queries));
            VectorInput.Prepare(query, core.Metric).CopyTo(prepared, q * dimension);
        }

        return core.SearchBatch(prepared, count, k, filter);
    }

    internal static int CheckDimension(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return dimension;
    }
}
