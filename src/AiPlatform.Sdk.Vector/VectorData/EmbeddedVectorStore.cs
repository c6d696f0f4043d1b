using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// A <see cref="VectorStore"/> over the SDK's in-process engine: each collection keeps its records in memory with a flat or HNSW
/// index per vector property, and, when <see cref="EmbeddedVectorStoreOptions.Path"/> is set, persists them in a folder of its
/// own with a write-ahead log so that acknowledged writes survive a crash and the collection reopens after a restart.
/// Thread-safe. Stores on the same folder in one process share each open collection (a write through one is seen by the
/// other); a folder is used by one process at a time.
/// </summary>
public sealed partial class EmbeddedVectorStore : VectorStore
{
    internal const string SystemName = "aiplatform-embedded";
    private readonly EmbeddedVectorStoreOptions _options;
    private readonly ConcurrentDictionary<string, CollectionStorage> _open = new(StringComparer.Ordinal);
    private readonly Lock _openLock = new();
    private readonly VectorStoreMetadata _metadata;

    /// <summary>Creates a store; nothing is read until a collection is used.</summary>
    /// <param name="options">The folder and the default embedding generator; all optional.</param>
    public EmbeddedVectorStore(EmbeddedVectorStoreOptions? options = null)
    {
        _options = options ?? new EmbeddedVectorStoreOptions();
        _metadata = new VectorStoreMetadata
        {
            VectorStoreSystemName = SystemName,
            VectorStoreName = _options.Path is { } path ? System.IO.Path.GetFullPath(path) : null,
        };
        _options.Meter?.CreateObservableGauge(IndexVectorsInstrument, ObserveCollectionSizes, "{vector}", "Records held by each open collection.");
    }

    /// <summary>The gauge of records per open collection (tag <c>aiplatform.index</c>), on the Vector layer's meter.</summary>
    internal const string IndexVectorsInstrument = "aiplatform.vector.index.vectors";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name is not 1-128 letters, digits, '_', '-' or '.', starting with a letter or digit.</exception>
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null) =>
        typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new ArgumentException(VectorDataStrings.GetCollectionWithDictionaryNotSupported)
            : new EmbeddedVectorStoreCollection<TKey, TRecord>(this, ValidName(name), definition, _options.EmbeddingGenerator);

    /// <inheritdoc/>
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        new EmbeddedVectorStoreCollection<object, Dictionary<string, object?>>(this, ValidName(name), definition, _options.EmbeddingGenerator);

    private IEnumerable<Measurement<long>> ObserveCollectionSizes() =>
        _open.Select(p => new Measurement<long>(p.Value.Count, new KeyValuePair<string, object?>("aiplatform.index", p.Key)));

    /// <inheritdoc/>
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var names = new SortedSet<string>(_options.Path is null ? _open.Keys : [], StringComparer.Ordinal);
        if (_options.Path is { } path && Directory.Exists(path))
        {
            names.UnionWith(Directory.EnumerateDirectories(path)
                .Where(CollectionStorage.Exists)
                .Select(d => System.IO.Path.GetFileName(d)));
        }

        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }
    }

    /// <inheritdoc/>
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Exists(ValidName(name)));

    /// <inheritdoc/>
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        Delete(ValidName(name));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (name, storage) in _open)
            {
                if (FolderOf(name) is { } directory)
                {
                    OpenCollections.Process.Release(directory, storage, this);
                }
                else
                {
                    storage.Dispose();
                }
            }

            _open.Clear();
        }

        base.Dispose(disposing);
    }

    internal VectorSettings IndexDefaults => _options.IndexDefaults;

    internal bool Exists(string name) =>
        FolderOf(name) is { } directory ? CollectionStorage.Exists(directory) : _open.ContainsKey(name);

    /// <summary>The open storage of <paramref name="name"/>, opening it from disk when it exists there; null when it does not exist.</summary>
    internal CollectionStorage? TryOpen(string name, CollectionSchema schema)
    {
        if (_open.TryGetValue(name, out var storage) && !storage.IsClosed)
        {
            return storage;
        }

        return FolderOf(name) is { } directory
            ? Share(name, directory, schema, () => CollectionStorage.Exists(directory) ? CollectionStorage.OpenOrCreate(directory, schema, name) : null)
            : null;
    }

    internal CollectionStorage Open(string name, CollectionSchema schema)
    {
        if (FolderOf(name) is { } directory)
        {
            return Share(name, directory, schema, () => CollectionStorage.OpenOrCreate(directory, schema, name))!;
        }

        lock (_openLock)
        {
            if (_open.TryGetValue(name, out var storage))
            {
                storage.Schema.EnsureCompatible(schema, name);
                return storage;
            }

            storage = CollectionStorage.CreateInMemory(schema);
            _open[name] = storage;
            return storage;
        }
    }

    internal void Delete(string name)
    {
        if (FolderOf(name) is { } directory)
        {
            _open.TryRemove(name, out _);
            OpenCollections.Process.Delete(directory);
        }
        else if (_open.TryRemove(name, out var storage))
        {
            storage.Dispose();
        }
    }

    /// <summary>The folder of collection <paramref name="name"/>, or <see langword="null"/> for a store kept in memory.</summary>
    private string? FolderOf(string name) => _options.Path is { } path ? System.IO.Path.GetFullPath(System.IO.Path.Combine(path, name)) : null;

    /// <summary>The collection at <paramref name="directory"/> as this process has it open, opened with <paramref name="open"/> if no store has.</summary>
    private CollectionStorage? Share(string name, string directory, CollectionSchema schema, Func<CollectionStorage?> open)
    {
        var storage = OpenCollections.Process.Acquire(directory, this, open);
        if (storage is null)
        {
            return null;
        }

        storage.Schema.EnsureCompatible(schema, name);
        _open[name] = storage;
        return storage;
    }

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return NamePattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"Collection name '{name}' is not valid: use 1-128 letters, digits, '_', '-' or '.', starting with a letter or digit.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();
}
