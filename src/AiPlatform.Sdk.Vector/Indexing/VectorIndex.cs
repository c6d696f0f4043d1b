namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// An in-memory vector index keyed by <see cref="long"/> record ids. Safe for any number of concurrent searches while one
/// writer changes it (writes are serialized internally). Writes check their input first and change nothing when it is invalid.
/// Persist it with <see cref="Persistence.VectorIndexFile"/> or keep it durable with <see cref="Persistence.PersistentVectorIndex"/>.
/// </summary>
public abstract class VectorIndex : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly List<IDisposable> _mappings = [];
    private IndexCore _core;

    private protected VectorIndex(IndexCore core)
    {
        _core = core;
    }

    /// <summary>The number of dimensions every vector has.</summary>
    public int Dimension => Core.Dimension;

    /// <summary>The distance metric.</summary>
    public DistanceMetric Metric => Core.Metric;

    /// <summary>The number of live records.</summary>
    public int Count => Core.Slots.LiveCount;

    /// <summary>The number of slots held by deleted or replaced records until <see cref="Compact"/> runs.</summary>
    public int TombstoneCount => Core.Slots.TombstoneCount(Core.SlotCount);

    /// <summary>An estimate of the managed memory the index holds (vectors, codes, links, ids); memory-mapped vectors are not counted.</summary>
    public long ManagedMemoryBytes => Core.ManagedBytes;

    private protected IndexCore Core => Volatile.Read(ref _core);

    /// <summary>Returns the ids of the live records (a snapshot).</summary>
    /// <returns>The ids, in no particular order.</returns>
    public IReadOnlyList<long> GetIds() => [.. Core.Slots.Ids];

    /// <summary>Tells whether a live record has <paramref name="id"/>.</summary>
    /// <param name="id">The record id.</param>
    /// <returns><see langword="true"/> when the record exists.</returns>
    public bool Contains(long id) => Core.Slots.TryGetSlot(id, out _);

    /// <summary>Inserts a record, or replaces the vector of an existing one (upsert).</summary>
    /// <param name="id">The record id.</param>
    /// <param name="vector">The vector, <see cref="Dimension"/> long, finite, and not all zeros under cosine.</param>
    /// <exception cref="ArgumentException">The vector has the wrong dimension, holds NaN or infinity, or is zero under cosine.</exception>
    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        var core = Core;
        VectorInput.Check(vector, core.Dimension, core.Metric, nameof(vector));
        var prepared = VectorInput.Prepare(vector, core.Metric);
        lock (_writeLock)
        {
            Core.Insert(id, prepared);
        }
    }

    /// <summary>Upserts many records; every vector is checked before the first one is inserted, so a bad one inserts none.</summary>
    /// <param name="ids">The record ids.</param>
    /// <param name="vectors">Row-major vectors, <c>ids.Length * Dimension</c> long.</param>
    /// <exception cref="ArgumentException">The lengths disagree, or a vector is invalid (the message names its position).</exception>
    public void UpsertBatch(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        var core = Core;
        var dimension = core.Dimension;
        if (vectors.Length != (long)ids.Length * dimension)
        {
            throw new ArgumentException(
                $"{ids.Length} ids need {(long)ids.Length * dimension} vector values but {vectors.Length} were given.", nameof(vectors));
        }

        var prepared = new float[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            var vector = vectors.Slice(i * dimension, dimension);
            try
            {
                VectorInput.Check(vector, dimension, core.Metric, nameof(vectors));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Vector {i} (id {ids[i]}): {e.Message}", nameof(vectors), e);
            }

            prepared[i] = VectorInput.Prepare(vector, core.Metric);
        }

        lock (_writeLock)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                Core.Insert(ids[i], prepared[i]);
            }
        }
    }

    /// <summary>Deletes a record by marking its slot as a tombstone; <see cref="Compact"/> reclaims the space.</summary>
    /// <param name="id">The record id.</param>
    /// <returns><see langword="true"/> when the record existed.</returns>
    public bool Delete(long id)
    {
        lock (_writeLock)
        {
            return Core.Slots.Remove(id);
        }
    }

    /// <summary>Returns the stored vector of a record (normalized under cosine).</summary>
    /// <param name="id">The record id.</param>
    /// <returns>A copy of the vector.</returns>
    /// <exception cref="ArgumentException">No live record has <paramref name="id"/>.</exception>
    public float[] GetVector(long id)
    {
        var core = Core;
        if (!core.Slots.TryGetSlot(id, out var slot))
        {
            throw new ArgumentException($"The index holds no record with id {id}.", nameof(id));
        }

        return core.Vectors[slot].ToArray();
    }

    /// <summary>Returns the <paramref name="k"/> records nearest to <paramref name="query"/>, nearest first.</summary>
    /// <param name="query">The query vector, <see cref="Dimension"/> long and finite.</param>
    /// <param name="k">How many results at most; positive.</param>
    /// <param name="options">Filter and per-query settings.</param>
    /// <returns>Up to <paramref name="k"/> matches.</returns>
    /// <exception cref="ArgumentException">The query is invalid or <paramref name="k"/> is not positive.</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k, IndexSearchOptions? options = null)
    {
        var core = Core;
        VectorInput.CheckK(k);
        VectorInput.Check(query, core.Dimension, core.Metric, nameof(query));
        return core.Search(VectorInput.Prepare(query, core.Metric), k, options);
    }

    /// <summary>Rebuilds the index from its live records, dropping tombstones; searches running meanwhile finish on the old state.</summary>
    public void Compact()
    {
        lock (_writeLock)
        {
            var old = Core;
            var fresh = old.CreateEmpty();
            for (var slot = 0; slot < old.SlotCount; slot++)
            {
                if (!old.Slots.IsDeleted(slot))
                {
                    fresh.Insert(old.Slots.IdOf(slot), old.Vectors[slot]);
                }
            }

            Volatile.Write(ref _core, fresh);
        }
    }

    /// <summary>Releases the memory mappings a loaded index reads from; no search may run during or after it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    internal IndexCore CoreForPersistence => Core;

    internal void AttachMapping(IDisposable mapping) => _mappings.Add(mapping);

    /// <summary>Runs <paramref name="action"/> under the writer lock (used by persistence to take a consistent snapshot).</summary>
    internal T UnderWriteLock<T>(Func<IndexCore, T> action)
    {
        lock (_writeLock)
        {
            return action(Core);
        }
    }

    /// <summary>Releases the mappings.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var mapping in _mappings)
            {
                mapping.Dispose();
            }

            _mappings.Clear();
        }
    }
}
