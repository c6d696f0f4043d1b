using System.Text.Json;
using AiPlatform.Sdk.Vector.Indexing;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// The data of one embedded collection: records by key, one engine index per vector property, and (when the store has a
/// folder) the schema file and write-ahead log that make it survive a restart. Readers run concurrently; writes are serialised.
/// </summary>
internal sealed class CollectionStorage : IDisposable
{
    private const string SchemaFileName = "collection.json";
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<object, StoredRecord> _records;
    private readonly Dictionary<long, StoredRecord> _byId;
    private readonly Dictionary<string, (VectorColumnSchema Schema, VectorIndex Index)> _columns;
    private readonly RecordLog? _log;
    private long _nextId;

    private CollectionStorage(CollectionSchema schema, Dictionary<object, StoredRecord> records, RecordLog? log)
    {
        Schema = schema;
        _records = records;
        _log = log;
        _byId = records.Values.ToDictionary(r => r.Id);
        _nextId = _byId.Count == 0 ? 1 : _byId.Keys.Max() + 1;
        _columns = schema.Vectors.ToDictionary(v => v.Name, v => (v, CreateIndex(v)), StringComparer.Ordinal);
        foreach (var (name, (_, index)) in _columns)
        {
            foreach (var record in records.Values)
            {
                if (record.Vectors.TryGetValue(name, out var vector) && vector is not null)
                {
                    index.Upsert(record.Id, vector);
                }
            }
        }

        QuantizeWhenAsked();
    }

    /// <summary>The collection's schema.</summary>
    public CollectionSchema Schema { get; }

    /// <summary>Whether the collection was closed (its store let go of it, or it was deleted).</summary>
    public bool IsClosed { get; private set; }

    /// <summary>The number of records.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _records.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds a collection.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, SchemaFileName));

    /// <summary>Creates a collection in memory only.</summary>
    public static CollectionStorage CreateInMemory(CollectionSchema schema) => new(schema, [], null);

    /// <summary>Opens the collection at <paramref name="directory"/>, creating it with <paramref name="schema"/> when absent.</summary>
    /// <exception cref="InvalidOperationException">The stored collection does not fit <paramref name="schema"/>.</exception>
    public static CollectionStorage OpenOrCreate(string directory, CollectionSchema schema, string name)
    {
        Directory.CreateDirectory(directory);
        var schemaPath = Path.Combine(directory, SchemaFileName);
        CollectionSchema stored;
        if (File.Exists(schemaPath))
        {
            stored = JsonSerializer.Deserialize(File.ReadAllText(schemaPath), VectorDataJsonContext.Default.CollectionSchema)
                ?? throw new InvalidDataException($"'{schemaPath}' is empty.");
            stored.EnsureCompatible(schema, name);
        }
        else
        {
            stored = schema;
            var temporary = schemaPath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(schema, VectorDataJsonContext.Default.CollectionSchema));
            File.Move(temporary, schemaPath, overwrite: true);
        }

        var log = RecordLog.Open(directory, out var records);
        return new CollectionStorage(stored, records, log);
    }

    /// <summary>Returns the record with <paramref name="key"/>, if any.</summary>
    public StoredRecord? Get(object key)
    {
        _lock.EnterReadLock();
        try
        {
            return _records.GetValueOrDefault(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Returns the records that satisfy <paramref name="predicate"/>, in key order.</summary>
    public IReadOnlyList<StoredRecord> Query(Func<IReadOnlyDictionary<string, object?>, bool>? predicate)
    {
        _lock.EnterReadLock();
        try
        {
            return _records.Values.Where(r => predicate is null || predicate(r.Data)).OrderBy(r => r.Id).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Inserts or replaces records (keyed by <see cref="StoredRecord.Key"/>), all or none, and makes them durable.</summary>
    /// <exception cref="ArgumentException">A vector has the wrong dimension, a non-finite value, or is zero under a cosine metric.</exception>
    public void Upsert(IReadOnlyList<(object Key, IReadOnlyDictionary<string, object?> Data, IReadOnlyDictionary<string, float[]?> Vectors)> records)
    {
        foreach (var record in records)
        {
            foreach (var (name, vector) in record.Vectors)
            {
                if (vector is not null && _columns.TryGetValue(name, out var column))
                {
                    VectorInput.Check(vector, column.Index.Dimension, column.Index.Metric, nameof(records));
                }
            }
        }

        _lock.EnterWriteLock();
        try
        {
            var stored = records.Select(r => new StoredRecord(
                _records.TryGetValue(r.Key, out var existing) ? existing.Id : _nextId++, r.Key, r.Data, r.Vectors)).ToList();
            _log?.Append(stored, []);
            foreach (var record in stored)
            {
                foreach (var (name, (_, index)) in _columns)
                {
                    if (record.Vectors.TryGetValue(name, out var vector) && vector is not null)
                    {
                        index.Upsert(record.Id, vector);
                    }
                    else
                    {
                        index.Delete(record.Id);
                    }
                }

                _records[record.Key] = record;
                _byId[record.Id] = record;
            }

            QuantizeWhenAsked();

            CompactIfWorthwhile();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Deletes the records with these keys (missing keys are ignored) and makes that durable.</summary>
    public void Delete(IEnumerable<object> keys)
    {
        _lock.EnterWriteLock();
        try
        {
            var doomed = keys.Distinct().Select(k => _records.GetValueOrDefault(k)).OfType<StoredRecord>().ToList();
            if (doomed.Count == 0)
            {
                return;
            }

            _log?.Append([], doomed.Select(r => (r.Id, r.Key)));
            foreach (var record in doomed)
            {
                foreach (var (_, index) in _columns.Values)
                {
                    index.Delete(record.Id);
                }

                _records.Remove(record.Key);
                _byId.Remove(record.Id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Returns the <paramref name="k"/> records nearest to <paramref name="query"/> on vector property <paramref name="vectorName"/>
    /// that satisfy <paramref name="predicate"/>, nearest first, with the engine's distance.
    /// </summary>
    public IReadOnlyList<(StoredRecord Record, float Distance)> Search(
        string vectorName, ReadOnlySpan<float> query, int k, Func<IReadOnlyDictionary<string, object?>, bool>? predicate)
    {
        var index = _columns[vectorName].Index;
        _lock.EnterReadLock();
        try
        {
            if (index.Count == 0)
            {
                return [];
            }

            var filter = predicate is null ? (Func<long, bool>?)null : id => _byId.TryGetValue(id, out var r) && predicate(r.Data);
            var matches = index.Search(query, Math.Min(k, index.Count), new IndexSearchOptions { Filter = filter });
            return matches.Select(m => (_byId[m.Id], m.Distance)).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        IsClosed = true;
        _log?.Dispose();
        foreach (var (_, index) in _columns.Values)
        {
            index.Dispose();
        }

        _lock.Dispose();
    }

    private void CompactIfWorthwhile()
    {
        foreach (var (_, index) in _columns.Values)
        {
            if (index.TombstoneCount > Math.Max(1024, index.Count))
            {
                index.Compact();
            }
        }
    }

    // An HNSW column asked to quantize trains its int8 scale on the first records it holds.
    private void QuantizeWhenAsked()
    {
        foreach (var (column, index) in _columns.Values)
        {
            if (column.Quantize && index is HnswVectorIndex { IsQuantized: false, Count: > 0 } hnsw)
            {
                hnsw.Quantize();
            }
        }
    }

    private static VectorIndex CreateIndex(VectorColumnSchema column)
    {
        var metric = column.DistanceFunction switch
        {
            DistanceFunction.CosineSimilarity or DistanceFunction.CosineDistance => DistanceMetric.Cosine,
            DistanceFunction.DotProductSimilarity or DistanceFunction.NegativeDotProductSimilarity => DistanceMetric.DotProduct,
            _ => DistanceMetric.Euclidean,
        };
        return column.IndexKind == IndexKind.Hnsw
            ? new HnswVectorIndex(column.Dimensions, metric, column.Hnsw)
            : new FlatVectorIndex(column.Dimensions, metric);
    }
}
