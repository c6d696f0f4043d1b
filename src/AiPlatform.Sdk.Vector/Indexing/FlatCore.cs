using AiPlatform.Sdk.Vector.Kernels;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>The exact index: contiguous rows scanned with a bounded heap, optionally on several threads or for a batch of queries.</summary>
internal sealed class FlatCore : IndexCore
{
    private const int RowBlock = 256;

    public FlatCore(int dimension, DistanceMetric metric, RowStore<float>? vectors = null)
        : base(dimension, metric, vectors ?? new RowStore<float>(dimension))
    {
    }

    public override IndexCore CreateEmpty() => new FlatCore(Dimension, Metric);

    public override VectorMatch[] Search(float[] query, int k, IndexSearchOptions? options)
    {
        var end = SlotCount;
        var filter = options?.Filter;
        if (options?.Parallel != true || end < 4 * RowBlock)
        {
            return ToMatches(ExactScan(query, k, filter, 0, end), k);
        }

        var parts = Environment.ProcessorCount;
        var partials = new (int Slot, float Distance)[parts][];
        System.Threading.Tasks.Parallel.For(0, parts, p =>
            partials[p] = ExactScan(query, k, filter, (int)((long)end * p / parts), (int)((long)end * (p + 1) / parts)));
        var merged = partials.SelectMany(x => x).OrderBy(x => x.Distance).ToArray();
        return ToMatches(merged, k);
    }

    /// <summary>Answers many queries in one pass: blocks of rows meet blocks of queries in the register-blocked kernel.</summary>
    public VectorMatch[][] SearchBatch(float[] queries, int queryCount, int k, Func<long, bool>? filter)
    {
        var end = SlotCount;
        var heaps = new DistanceHeap[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            heaps[q] = new DistanceHeap(k + 1);
        }

        var scores = new float[queryCount * RowBlock];
        for (var slot = 0; slot < end;)
        {
            var rows = Vectors.Rows(slot, Math.Min(RowBlock, end - slot), out var count);
            var block = scores.AsSpan(0, queryCount * count);
            if (Metric == DistanceMetric.Euclidean)
            {
                FloatKernels.SquaredL2Block(queries, rows, Dimension, block);
            }
            else
            {
                FloatKernels.DotBlock(queries, rows, Dimension, block);
                ToDistances(block);
            }

            for (var r = 0; r < count; r++)
            {
                if (!Accepts(slot + r, filter))
                {
                    continue;
                }

                for (var q = 0; q < queryCount; q++)
                {
                    heaps[q].OfferBounded(block[(q * count) + r], slot + r, k);
                }
            }

            slot += count;
        }

        return [.. heaps.Select(h => ToMatches(h.DrainNearestFirst(), k))];
    }

    protected override void OnAppended(int slot, ReadOnlySpan<float> prepared)
    {
    }
}
