using System.Collections.Concurrent;
using System.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Vector;

/// <summary>
/// The registry of named persistent indexes under <see cref="VectorSettings.DataPath"/> (one sub-folder per name). Opening a name
/// twice returns the same instance; disposing the engine closes them all. Registered as a singleton by <c>AddVector()</c>.
/// </summary>
public class VectorEngine : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PersistentVectorIndex>>> _open = new(StringComparer.Ordinal);
    private readonly VectorSettings _options;
    private readonly ClientInstrumentation? _instrumentation;
    private readonly ILogger _logger;

    /// <summary>Creates the engine.</summary>
    /// <param name="options">The engine's settings.</param>
    /// <param name="instrumentation">The instrumentation of its operations, or <see langword="null"/>.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public VectorEngine(IOptions<VectorSettings> options, ClientInstrumentation? instrumentation = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _instrumentation = instrumentation;
        _logger = logger ?? NullLogger<VectorEngine>.Instance;
        DataPath = Path.GetFullPath(_options.DataPath ?? "vector");
    }

    /// <summary>For mocking only.</summary>
    protected VectorEngine()
    {
        _options = new VectorSettings();
        _logger = NullLogger<VectorEngine>.Instance;
        DataPath = string.Empty;
    }

    /// <summary>The folder that holds the indexes.</summary>
    public string DataPath { get; }

    /// <summary>
    /// Opens the index called <paramref name="name"/>, creating it when it does not exist; what is not given comes from
    /// <see cref="VectorSettings"/> when creating, and is not checked when the index exists.
    /// </summary>
    /// <param name="name">Letters, digits, '-', '_' and '.', at most 128 characters.</param>
    /// <param name="dimension">The dimension; needed to create the index, checked when it exists.</param>
    /// <param name="kind">The kind; default from options.</param>
    /// <param name="metric">The metric; default from options.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="VectorIndexFileException">The files are corrupt or describe another index.</exception>
    public virtual async Task<PersistentVectorIndex> OpenIndexAsync(
        string name, int dimension, VectorIndexKind? kind = null, DistanceMetric? metric = null, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(name);
        var definition = new VectorIndexDefinition
        {
            Dimension = dimension,
            Kind = kind ?? _options.Kind,
            Metric = metric ?? _options.Metric,
            Hnsw = new HnswParameters { M = _options.M, EfConstruction = _options.EfConstruction, EfSearch = _options.EfSearch, Seed = _options.Seed },
        };
        var persistent = new PersistentIndexOptions { MemoryMapped = _options.MemoryMapped, CheckpointBytes = _options.CheckpointBytes };
        var entry = _open.GetOrAdd(name, _ => new Lazy<Task<PersistentVectorIndex>>(() => Measure("OpenIndex", async () =>
        {
            var exists = File.Exists(Path.Combine(folder, PersistentVectorIndex.IndexFileName));
            var opened = await PersistentVectorIndex.OpenAsync(folder, exists ? null : definition, persistent, cancellationToken).ConfigureAwait(false);
            VectorEngineLog.Opened(_logger, name, opened.Index.Count, opened.Index.Dimension);
            return opened;
        })));
        try
        {
            var index = await entry.Value.ConfigureAwait(false);
            var actualKind = index.Index is FlatVectorIndex ? VectorIndexKind.Flat : VectorIndexKind.Hnsw;
            if (index.Index.Dimension != dimension || (kind is not null && kind != actualKind) || (metric is not null && metric != index.Index.Metric))
            {
                throw new VectorIndexFileException(Path.Combine(folder, PersistentVectorIndex.IndexFileName), VectorIndexFileProblem.Mismatch,
                    $"the index is a {actualKind} index of dimension {index.Index.Dimension} with metric {index.Index.Metric}, but dimension {dimension}"
                    + $"{(kind is null ? string.Empty : $", kind {kind}")}{(metric is null ? string.Empty : $", metric {metric}")} was asked for.");
            }

            return index;
        }
        catch (Exception e) when (e is not VectorIndexFileException { Problem: VectorIndexFileProblem.Mismatch })
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<PersistentVectorIndex>>>(name, entry));
            VectorEngineLog.OpenFailed(_logger, name, e);
            throw;
        }
    }

    /// <summary>Returns the names of the indexes in the data folder.</summary>
    /// <returns>The names, sorted.</returns>
    public virtual IReadOnlyList<string> ListIndexes() => Directory.Exists(DataPath)
        ? [.. Directory.EnumerateDirectories(DataPath)
            .Where(d => File.Exists(Path.Combine(d, PersistentVectorIndex.IndexFileName)))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Closes and deletes the index called <paramref name="name"/>.</summary>
    /// <param name="name">The index's name.</param>
    /// <param name="cancellationToken">Cancels the wait for the index to open.</param>
    /// <returns><see langword="true"/> when the index existed.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public virtual async Task<bool> DeleteIndexAsync(string name, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(name);
        if (_open.TryRemove(name, out var entry))
        {
            (await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false)).Dispose();
        }

        if (!Directory.Exists(folder))
        {
            return false;
        }

        Directory.Delete(folder, recursive: true);
        return true;
    }

    /// <summary>Checks that the data folder can be written (the health check's probe).</summary>
    /// <returns><see langword="null"/> when healthy, otherwise the reason.</returns>
    public virtual string? Probe()
    {
        try
        {
            Directory.CreateDirectory(DataPath);
            var probe = Path.Combine(DataPath, $".probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"The vector data folder '{DataPath}' cannot be written: {e.Message}";
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes every index the engine opened.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes every index the engine opened.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var entry in _open.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Dispose();
            }
        }

        _open.Clear();
    }

    private string FolderOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 128 || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"The index name '{name}' is invalid: use letters, digits, '-', '_' and '.' (at most 128 characters).", nameof(name));
        }

        return Path.Combine(DataPath, name);
    }

    private Task<T> Measure<T>(string operation, Func<Task<T>> action) =>
        _instrumentation is null ? action() : _instrumentation.RunAsync(operation, _ => action(), static ex => ex);
}
