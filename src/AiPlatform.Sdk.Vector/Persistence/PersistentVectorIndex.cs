using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// A durable index kept in a folder: <c>index.aipv</c> (the last checkpoint) and <c>wal.aipw</c> (every write since). A write is
/// flushed to the log before it is applied and acknowledged, so it survives a crash; reopening loads the checkpoint and replays
/// the log. Searches go straight to the in-memory <see cref="Index"/>. Writes are serialized; searches run concurrently with them.
/// </summary>
public sealed class PersistentVectorIndex : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the checkpoint file inside the folder.</summary>
    public const string IndexFileName = "index.aipv";

    /// <summary>The name of the write-ahead log inside the folder.</summary>
    public const string LogFileName = "wal.aipw";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PersistentIndexOptions _options;
    private readonly WriteAheadLog _log;

    private PersistentVectorIndex(string folder, VectorIndex index, WriteAheadLog log, PersistentIndexOptions options)
    {
        Folder = folder;
        Index = index;
        _log = log;
        _options = options;
    }

    /// <summary>The folder the index lives in.</summary>
    public string Folder { get; }

    /// <summary>The in-memory index; search it directly. Write through this class, or changes are not durable.</summary>
    public VectorIndex Index { get; }

    /// <summary>Opens the index in <paramref name="folder"/>, creating it from <paramref name="definition"/> when the folder holds none.</summary>
    /// <param name="folder">The index's folder.</param>
    /// <param name="definition">What to create; when the index exists, it must match (or be <see langword="null"/>).</param>
    /// <param name="options">Open and checkpoint settings.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="VectorIndexFileException">A file is corrupt, truncated, of another version, or describes another index.</exception>
    /// <exception cref="ArgumentException">The folder holds no index and <paramref name="definition"/> is <see langword="null"/>.</exception>
    public static Task<PersistentVectorIndex> OpenAsync(
        string folder, VectorIndexDefinition? definition = null, PersistentIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new PersistentIndexOptions();
        Directory.CreateDirectory(folder);
        var indexPath = Path.Combine(folder, IndexFileName);
        VectorIndex index;
        if (File.Exists(indexPath))
        {
            index = VectorIndexFile.Load(indexPath, options.MemoryMapped);
            if (definition is not null)
            {
                CheckMatches(indexPath, index, definition);
            }
        }
        else
        {
            if (definition is null)
            {
                throw new ArgumentException($"The folder '{folder}' holds no vector index, and no definition was given to create one.", nameof(definition));
            }

            index = definition.CreateEmpty();
            VectorIndexFile.Save(index, indexPath);
        }

        try
        {
            var log = WriteAheadLog.Open(Path.Combine(folder, LogFileName), (op, id, vector) =>
            {
                if (op == WriteAheadLog.UpsertOp)
                {
                    index.Upsert(id, vector);
                }
                else
                {
                    index.Delete(id);
                }
            });
            return Task.FromResult(new PersistentVectorIndex(folder, index, log, options));
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Inserts or replaces a record; returns once the write is on disk.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="vector">The vector.</param>
    /// <param name="cancellationToken">Cancels the wait for the writer lock.</param>
    /// <returns>A task that completes when the write is durable and visible.</returns>
    /// <exception cref="ArgumentException">The vector is invalid; nothing is written.</exception>
    public Task UpsertAsync(long id, ReadOnlyMemory<float> vector, CancellationToken cancellationToken = default) =>
        UpsertBatchAsync(new[] { id }, vector, cancellationToken);

    /// <summary>Inserts or replaces many records with one disk flush; a bad vector writes none of them.</summary>
    /// <param name="ids">The record ids.</param>
    /// <param name="vectors">Row-major vectors, one per id.</param>
    /// <param name="cancellationToken">Cancels the wait for the writer lock.</param>
    /// <returns>A task that completes when the writes are durable and visible.</returns>
    /// <exception cref="ArgumentException">The lengths disagree or a vector is invalid; nothing is written.</exception>
    public async Task UpsertBatchAsync(ReadOnlyMemory<long> ids, ReadOnlyMemory<float> vectors, CancellationToken cancellationToken = default)
    {
        var dimension = Index.Dimension;
        if (vectors.Length != (long)ids.Length * dimension)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * dimension} vector values but {vectors.Length} were given.", nameof(vectors));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            try
            {
                VectorInput.Check(vectors.Span.Slice(i * dimension, dimension), dimension, Index.Metric, nameof(vectors));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Vector {i} (id {ids.Span[i]}): {e.Message}", nameof(vectors), e);
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = new (byte Op, long Id)[ids.Length];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = (WriteAheadLog.UpsertOp, ids.Span[i]);
            }

            _log.Append(records, vectors.Span, dimension);
            Index.UpsertBatch(ids.Span, vectors.Span);
            CheckpointIfDue();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes a record; returns once the deletion is on disk.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="cancellationToken">Cancels the wait for the writer lock.</param>
    /// <returns><see langword="true"/> when the record existed.</returns>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Index.Contains(id))
            {
                return false;
            }

            _log.Append([(WriteAheadLog.DeleteOp, id)], default, Index.Dimension);
            var deleted = Index.Delete(id);
            CheckpointIfDue();
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Searches the index; see <see cref="VectorIndex.Search"/>.</summary>
    /// <param name="query">The query vector.</param>
    /// <param name="k">How many results at most; positive.</param>
    /// <param name="options">Filter and per-query settings.</param>
    /// <returns>Up to <paramref name="k"/> matches, nearest first.</returns>
    /// <exception cref="ArgumentException">The query is invalid or <paramref name="k"/> is not positive.</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k, IndexSearchOptions? options = null) => Index.Search(query, k, options);

    /// <summary>Writes the index file (temporary file, flush, atomic rename) and empties the log.</summary>
    /// <param name="compact">Also drop tombstones before writing.</param>
    /// <param name="cancellationToken">Cancels the wait for the writer lock.</param>
    /// <returns>A task that completes when the checkpoint is on disk.</returns>
    public async Task CheckpointAsync(bool compact = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (compact)
            {
                Index.Compact();
            }

            Checkpoint();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _log.Dispose();
        Index.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void CheckpointIfDue()
    {
        if (_log.Length > _options.CheckpointBytes)
        {
            Checkpoint();
        }
    }

    private void Checkpoint()
    {
        VectorIndexFile.Save(Index, Path.Combine(Folder, IndexFileName));
        _log.Reset();
    }

    private static void CheckMatches(string path, VectorIndex index, VectorIndexDefinition definition)
    {
        var kind = index is FlatVectorIndex ? VectorIndexKind.Flat : VectorIndexKind.Hnsw;
        if (index.Dimension != definition.Dimension || index.Metric != definition.Metric || kind != definition.Kind)
        {
            index.Dispose();
            throw new VectorIndexFileException(path, VectorIndexFileProblem.Mismatch,
                $"the file holds a {kind} index of dimension {index.Dimension} with metric {index.Metric}, but a {definition.Kind} index of dimension {definition.Dimension} with metric {definition.Metric} was asked for.");
        }
    }
}
