using System.Collections.Concurrent;
using AiPlatform.Sdk.Vector.Kernels;
using AiPlatform.Sdk.Vector.Quantization;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// A hierarchical navigable small-world graph over the slots of an index (Malkov and Yashunin). Layer 0 links live in one flat
/// array (<c>[count, n1..n2M]</c> per slot); upper layers per slot. One writer links; readers follow links without locks and
/// ignore slots they cannot yet see.
/// </summary>
internal sealed class HnswCore : IndexCore
{
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private readonly Random _random;
    private readonly double _levelFactor;
    private int[] _links0;
    private int[]?[][] _upper;
    private EntryPoint? _entry;
    private Int8Quantizer? _quantizer;
    private RowStore<sbyte>? _codes;

    public HnswCore(int dimension, DistanceMetric metric, HnswParameters parameters, RowStore<float>? vectors = null)
        : base(dimension, metric, vectors ?? new RowStore<float>(dimension))
    {
        Parameters = parameters;
        MaxM0 = 2 * parameters.M;
        _random = new Random(parameters.Seed);
        _levelFactor = 1.0 / Math.Log(parameters.M);
        _links0 = new int[64 * (MaxM0 + 1)];
        _upper = new int[]?[64][];
    }

    public HnswParameters Parameters { get; }

    public int MaxM0 { get; }

    public Int8Quantizer? Quantizer => Volatile.Read(ref _quantizer);

    public RowStore<sbyte>? Codes => _codes;

    public EntryPoint? Entry => Volatile.Read(ref _entry);

    public int[] Links0 => _links0;

    public int[]?[][] Upper => _upper;

    public override long ManagedBytes =>
        base.ManagedBytes + ((long)_links0.Length * sizeof(int)) + (_codes?.ManagedBytes ?? 0) + UpperBytes();

    public override IndexCore CreateEmpty()
    {
        var core = new HnswCore(Dimension, Metric, Parameters);
        if (_quantizer is not null)
        {
            core.SetQuantizer(_quantizer, new RowStore<sbyte>(Dimension));
        }

        return core;
    }

    /// <summary>Installs a quantizer and the codes of every existing slot (writer only).</summary>
    public void SetQuantizer(Int8Quantizer quantizer, RowStore<sbyte> codes)
    {
        var buffer = new sbyte[Dimension];
        for (var slot = codes.Count; slot < Vectors.Count; slot++)
        {
            quantizer.Encode(Vectors[slot], buffer);
            codes.Append(buffer);
        }

        _codes = codes;
        Volatile.Write(ref _quantizer, quantizer);
    }

    /// <summary>Restores the graph read from a file.</summary>
    public void Restore(int[] links0, int[]?[][] upper, EntryPoint? entry)
    {
        _links0 = links0;
        _upper = upper;
        _entry = entry;
    }

    public override VectorMatch[] Search(float[] query, int k, IndexSearchOptions? options)
    {
        var entry = Entry;
        var count = SlotCount;
        if (entry is null || count == 0)
        {
            return [];
        }

        var filter = options?.Filter;
        var ef = Math.Max(options?.Ef ?? Parameters.EfSearch, k);
        var quantizer = options?.UseQuantized == false ? null : Quantizer;
        var scratch = Rent(count);
        try
        {
            (int Slot, float Distance)[] nearest;
            if (quantizer is not null && _codes is { } codes && codes.Count >= count)
            {
                var code = new sbyte[Dimension];
                quantizer.Encode(query, code);
                var distance = new CodeDistance(this, code, quantizer.DistanceScale);
                var start = Descend(ref distance, entry, 0, count);
                nearest = SearchLayer(ref distance, start, ef, 0, count, filter, scratch);
                Rerank(query, nearest);
            }
            else
            {
                var distance = new FloatDistance(this, query);
                var start = Descend(ref distance, entry, 0, count);
                nearest = SearchLayer(ref distance, start, ef, 0, count, filter, scratch);
            }

            if (nearest.Length < k && Slots.LiveCount > nearest.Length)
            {
                nearest = ExactScan(query, k, filter, 0, count);
            }

            return ToMatches(nearest, k);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    protected override void OnAppended(int slot, ReadOnlySpan<float> prepared)
    {
        if (_quantizer is { } quantizer)
        {
            var code = new sbyte[Dimension];
            quantizer.Encode(prepared, code);
            _codes!.Append(code);
        }

        var level = (int)(-Math.Log(1.0 - _random.NextDouble()) * _levelFactor);
        EnsureCapacity(slot);
        var upper = new int[]?[level];
        for (var l = 0; l < level; l++)
        {
            upper[l] = new int[Parameters.M + 1];
        }

        _upper[slot] = upper;
        var entry = _entry;
        if (entry is null)
        {
            Volatile.Write(ref _entry, new EntryPoint(slot, level));
            return;
        }

        var query = prepared.ToArray();
        var distance = new FloatDistance(this, query);
        var count = slot + 1;
        var current = Descend(ref distance, entry, level + 1, count);
        var scratch = Rent(count);
        try
        {
            for (var l = Math.Min(level, entry.Level); l >= 0; l--)
            {
                var candidates = SearchLayer(ref distance, current, Parameters.EfConstruction, l, count, null, scratch, includeDeleted: true);
                var selected = SelectNeighbors(candidates, Parameters.M);
                var own = LinksOf(slot, l);
                own[0] = 0;
                foreach (var neighbor in selected)
                {
                    own[++own[0]] = neighbor.Slot;
                }

                foreach (var neighbor in selected)
                {
                    Connect(neighbor.Slot, slot, neighbor.Distance, l);
                }

                current = candidates[0];
            }
        }
        finally
        {
            _scratch.Add(scratch);
        }

        if (level > entry.Level)
        {
            Volatile.Write(ref _entry, new EntryPoint(slot, level));
        }
    }

    private (int Slot, float Distance) Descend<TDistance>(ref TDistance distance, EntryPoint entry, int toLevel, int count)
        where TDistance : struct, ISlotDistance
    {
        var current = entry.Slot;
        var best = distance.To(current);
        for (var l = entry.Level; l >= Math.Max(toLevel, 1); l--)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                var links = LinksOf(current, l);
                var n = Math.Min(links[0], links.Length - 1);
                for (var i = 1; i <= n; i++)
                {
                    var candidate = links[i];
                    if ((uint)candidate >= (uint)count)
                    {
                        continue;
                    }

                    var d = distance.To(candidate);
                    if (d < best)
                    {
                        best = d;
                        current = candidate;
                        changed = true;
                    }
                }
            }
        }

        return (current, best);
    }

    private (int Slot, float Distance)[] SearchLayer<TDistance>(
        ref TDistance distance, (int Slot, float Distance) start, int ef, int level, int count, Func<long, bool>? filter,
        SearchScratch scratch, bool includeDeleted = false)
        where TDistance : struct, ISlotDistance
    {
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        visited.Reset(count);
        candidates.Clear();
        results.Clear();
        visited.Add(start.Slot);
        candidates.Push(start.Distance, start.Slot);
        if (includeDeleted || Accepts(start.Slot, filter))
        {
            results.Push(-start.Distance, start.Slot);
        }

        var bound = results.Count == 0 ? float.MaxValue : start.Distance;
        var links0 = _links0;
        var stride = MaxM0 + 1;
        while (candidates.Count > 0)
        {
            var nearest = candidates.TopKey;
            if (nearest > bound && results.Count >= ef)
            {
                break;
            }

            var node = candidates.TopSlot;
            candidates.Pop();
            ReadOnlySpan<int> links;
            if (level == 0)
            {
                var offset = node * stride;
                links = links0.AsSpan(offset + 1, Math.Min(links0[offset], MaxM0));
            }
            else
            {
                var list = LinksOf(node, level);
                links = list.Slice(1, Math.Min(list[0], list.Length - 1));
            }

            foreach (var neighbor in links)
            {
                if ((uint)neighbor >= (uint)count || !visited.Add(neighbor))
                {
                    continue;
                }

                var d = distance.To(neighbor);
                if (results.Count < ef || d < bound)
                {
                    candidates.Push(d, neighbor);
                    if (includeDeleted || Accepts(neighbor, filter))
                    {
                        results.Push(-d, neighbor);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }

                        bound = -results.TopKey;
                    }
                }
            }
        }

        return results.DrainNearestFirst();
    }

    /// <summary>The neighbor-selection heuristic: keep a candidate only if it is closer to the new node than to every kept one.</summary>
    private List<(int Slot, float Distance)> SelectNeighbors((int Slot, float Distance)[] candidates, int max)
    {
        var selected = new List<(int Slot, float Distance)>(max);
        foreach (var candidate in candidates)
        {
            if (selected.Count >= max)
            {
                break;
            }

            var vector = Vectors[candidate.Slot];
            var keep = true;
            foreach (var kept in selected)
            {
                if (Distance(vector, Vectors[kept.Slot]) < candidate.Distance)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected.Add(candidate);
            }
        }

        return selected;
    }

    private void Connect(int from, int to, float distance, int level)
    {
        var links = LinksOf(from, level);
        var max = level == 0 ? MaxM0 : Parameters.M;
        if (links[0] < max)
        {
            links[links[0] + 1] = to;
            Volatile.Write(ref links[0], links[0] + 1);
            return;
        }

        var vector = Vectors[from];
        var pool = new (int Slot, float Distance)[max + 1];
        for (var i = 0; i < max; i++)
        {
            pool[i] = (links[i + 1], Distance(vector, Vectors[links[i + 1]]));
        }

        pool[max] = (to, distance);
        Array.Sort(pool, (a, b) => a.Distance.CompareTo(b.Distance));
        var kept = SelectNeighbors(pool, max);
        for (var i = 0; i < kept.Count; i++)
        {
            links[i + 1] = kept[i].Slot;
        }

        Volatile.Write(ref links[0], kept.Count);
    }

    /// <summary>Returns the link list of a slot at a level, as a span-like array view: element 0 is the count.</summary>
    private Span<int> LinksOf(int slot, int level)
    {
        if (level == 0)
        {
            return _links0.AsSpan(slot * (MaxM0 + 1), MaxM0 + 1);
        }

        return _upper[slot][level - 1];
    }

    private void Rerank(float[] query, (int Slot, float Distance)[] nearest)
    {
        for (var i = 0; i < nearest.Length; i++)
        {
            nearest[i].Distance = Distance(query, Vectors[nearest[i].Slot]);
        }

        Array.Sort(nearest, (a, b) => a.Distance.CompareTo(b.Distance));
    }

    private void EnsureCapacity(int slot)
    {
        if (slot < _upper.Length)
        {
            return;
        }

        var size = Math.Max(slot + 1, _upper.Length * 2);
        var links0 = new int[size * (MaxM0 + 1)];
        Array.Copy(_links0, links0, _links0.Length);
        var upper = new int[]?[size][];
        Array.Copy(_upper, upper, _upper.Length);
        _links0 = links0;
        _upper = upper;
    }

    private SearchScratch Rent(int count)
    {
        var scratch = _scratch.TryTake(out var s) ? s : new SearchScratch();
        scratch.Visited.Reset(count);
        return scratch;
    }

    private long UpperBytes()
    {
        long total = (long)_upper.Length * 8;
        for (var slot = 0; slot < SlotCount; slot++)
        {
            total += _upper[slot].Length * (24 + ((Parameters.M + 1) * sizeof(int)));
        }

        return total;
    }

    /// <summary>The node every search starts from and its top level.</summary>
    internal sealed record EntryPoint(int Slot, int Level);

    private interface ISlotDistance
    {
        float To(int slot);
    }

    private readonly struct FloatDistance(HnswCore core, float[] query) : ISlotDistance
    {
        public float To(int slot) => core.Distance(query, core.Vectors[slot]);
    }

    private readonly struct CodeDistance(HnswCore core, sbyte[] query, float scale) : ISlotDistance
    {
        public float To(int slot)
        {
            var row = core._codes![slot];
            return core.Metric switch
            {
                DistanceMetric.Cosine => 1f - (Int8Kernels.DotCore(query, row, KernelWidth.Auto) * scale),
                DistanceMetric.DotProduct => -(Int8Kernels.DotCore(query, row, KernelWidth.Auto) * scale),
                _ => Int8Kernels.SquaredL2Core(query, row, KernelWidth.Auto) * scale,
            };
        }
    }

    private sealed class SearchScratch
    {
        public VisitedSet Visited { get; } = new();

        public DistanceHeap Candidates { get; } = new(256);

        public DistanceHeap Results { get; } = new(256);
    }
}
