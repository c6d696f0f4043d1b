using System.Numerics.Tensors;
using AiPlatform.Sdk.Vector.Kernels;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// The state of one index generation: vectors, the id-to-slot table and the structure a subclass adds. Compaction builds a new
/// core and swaps it in, so searches that started on the old one finish on it.
/// </summary>
internal abstract class IndexCore
{
    private int _published;

    protected IndexCore(int dimension, DistanceMetric metric, RowStore<float> vectors)
    {
        Dimension = dimension;
        Metric = metric;
        Vectors = vectors;
    }

    public int Dimension { get; }

    public DistanceMetric Metric { get; }

    public RowStore<float> Vectors { get; }

    public SlotTable Slots { get; } = new();

    /// <summary>The slots readers may visit: every slot whose id, links and codes are complete.</summary>
    public int SlotCount => Volatile.Read(ref _published);

    public virtual long ManagedBytes => Vectors.ManagedBytes + ((long)SlotCount * (sizeof(long) + sizeof(bool) + 24));

    /// <summary>Appends a prepared vector for <paramref name="id"/> (writer only); the old slot of the id becomes a tombstone.</summary>
    public void Insert(long id, ReadOnlySpan<float> prepared)
    {
        var slot = Vectors.Append(prepared);
        OnAppended(slot, prepared);
        Slots.Assign(id, slot);
        Publish();
    }

    /// <summary>Makes every stored slot visible to readers (after an insert or a load).</summary>
    public void Publish() => Volatile.Write(ref _published, Vectors.Count);

    public abstract IndexCore CreateEmpty();

    public abstract VectorMatch[] Search(float[] query, int k, IndexSearchOptions? options);

    /// <summary>Links or encodes a newly appended slot; called before the id points at it.</summary>
    protected abstract void OnAppended(int slot, ReadOnlySpan<float> prepared);

    public float Distance(ReadOnlySpan<float> query, ReadOnlySpan<float> row) => Metric switch
    {
        DistanceMetric.Cosine => 1f - TensorPrimitives.Dot(query, row),
        DistanceMetric.DotProduct => -TensorPrimitives.Dot(query, row),
        _ => FloatKernels.SquaredL2Core(query, row, KernelWidth.Auto),
    };

    public bool Accepts(int slot, Func<long, bool>? filter) => !Slots.IsDeleted(slot) && (filter is null || filter(Slots.IdOf(slot)));

    /// <summary>Scans the slots from <paramref name="start"/> to <paramref name="end"/>: the exact answer, and the fallback of filtered graph searches.</summary>
    public (int Slot, float Distance)[] ExactScan(float[] query, int k, Func<long, bool>? filter, int start, int end)
    {
        var heap = new DistanceHeap(k + 1);
        var buffer = new float[256];
        for (var slot = start; slot < end;)
        {
            var rows = Vectors.Rows(slot, Math.Min(buffer.Length, end - slot), out var count);
            DistancesTo(query, rows, buffer.AsSpan(0, count));
            for (var r = 0; r < count; r++)
            {
                if (Accepts(slot + r, filter))
                {
                    heap.OfferBounded(buffer[r], slot + r, k);
                }
            }

            slot += count;
        }

        return heap.DrainNearestFirst();
    }

    public void DistancesTo(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> destination)
    {
        if (Metric == DistanceMetric.Euclidean)
        {
            FloatKernels.SquaredL2Many(query, rows, Dimension, destination);
            return;
        }

        FloatKernels.DotMany(query, rows, Dimension, destination);
        ToDistances(destination);
    }

    /// <summary>Turns dot products into distances under cosine or dot-product metrics.</summary>
    public void ToDistances(Span<float> dots)
    {
        if (Metric == DistanceMetric.Cosine)
        {
            TensorPrimitives.Subtract(1f, dots, dots);
        }
        else if (Metric == DistanceMetric.DotProduct)
        {
            TensorPrimitives.Negate(dots, dots);
        }
    }

    public VectorMatch[] ToMatches((int Slot, float Distance)[] nearest, int k)
    {
        var result = new VectorMatch[Math.Min(k, nearest.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new VectorMatch(Slots.IdOf(nearest[i].Slot), nearest[i].Distance);
        }

        return result;
    }
}
