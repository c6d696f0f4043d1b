using System.Text.Json;
using System.Text.RegularExpressions;
using AiPlatform.Sdk;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary>
/// The host's chunk collections: a catalog (name, dimension, distance, index kind, embedding model) persisted in the data folder,
/// over the application's <see cref="VectorStore"/>, and the embedding generator that turns text into vectors.
/// </summary>
internal sealed partial class SemanticCollections
{
    private readonly VectorStore _store;
    private readonly IServiceProvider _services;
    private readonly string _catalogPath;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CatalogEntry> _catalog;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, VectorStoreCollection<Guid, ChunkRecord>> _collections = new(StringComparer.Ordinal);

    public SemanticCollections(VectorStore store, IServiceProvider services, IOptions<AiPlatformSettings> platform)
    {
        _store = store;
        _services = services;
        var folder = Path.Combine(Path.GetFullPath(platform.Value.DataPath), "semantic-search");
        Directory.CreateDirectory(folder);
        _catalogPath = Path.Combine(folder, "catalog.json");
        _catalog = File.Exists(_catalogPath)
            ? JsonSerializer.Deserialize(File.ReadAllText(_catalogPath), CollectionsJsonContext.Default.ListCatalogEntry)!.ToDictionary(e => e.Name, StringComparer.Ordinal)
            : new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        DataFolder = folder;
    }

    /// <summary>The feature's folder in the data path.</summary>
    public string DataFolder { get; }

    /// <summary>The embedding generator, or <see langword="null"/> when no embedding model is configured.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Generator => _services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();

    public IReadOnlyList<CatalogEntry> List()
    {
        lock (_lock)
        {
            return _catalog.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
    }

    public CatalogEntry? Find(string name)
    {
        lock (_lock)
        {
            return _catalog.GetValueOrDefault(name);
        }
    }

    /// <summary>Creates a collection; dimension and model default to the embedding model's.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message says which.</exception>
    /// <exception cref="InvalidOperationException">The collection exists.</exception>
    public async Task<CatalogEntry> CreateAsync(CreateCollectionRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Name) || !NamePattern().IsMatch(request.Name))
        {
            throw new ArgumentException("'name' must be 1-64 letters, digits, '_' or '-', starting with a letter.");
        }

        var metadata = Generator?.GetService<EmbeddingGeneratorMetadata>();
        var dimensions = request.Dimensions ?? metadata?.DefaultModelDimensions ?? await ProbeDimensionsAsync(cancellationToken)
            ?? throw new ArgumentException("'dimensions' is required when no embedding model is configured.");
        if (dimensions is < 1 or > 8192)
        {
            throw new ArgumentException("'dimensions' must be between 1 and 8192.");
        }

        var entry = new CatalogEntry(request.Name, dimensions, Distance(request.Distance), Kind(request.IndexKind), metadata?.DefaultModelId);
        lock (_lock)
        {
            if (!_catalog.TryAdd(entry.Name, entry))
            {
                throw new InvalidOperationException($"Collection '{entry.Name}' exists already.");
            }

            SaveCatalog();
        }

        await Collection(entry).EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        CatalogEntry? entry;
        lock (_lock)
        {
            if (!_catalog.Remove(name, out entry))
            {
                return false;
            }

            SaveCatalog();
        }

        await Collection(entry).EnsureCollectionDeletedAsync(cancellationToken).ConfigureAwait(false);
        _collections.TryRemove(name, out _);
        return true;
    }

    /// <summary>The collection of <paramref name="entry"/>, described once and reused.</summary>
    public VectorStoreCollection<Guid, ChunkRecord> Collection(CatalogEntry entry) =>
        _collections.GetOrAdd(entry.Name, _ => _store.GetCollection<Guid, ChunkRecord>(entry.Name, ChunkRecord.Definition(entry)));

    private async Task<int?> ProbeDimensionsAsync(CancellationToken cancellationToken) =>
        Generator is { } generator ? (await generator.GenerateVectorAsync("dimension probe", cancellationToken: cancellationToken).ConfigureAwait(false)).Length : null;

    private void SaveCatalog()
    {
        var temporary = _catalogPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_catalog.Values.ToList(), CollectionsJsonContext.Default.ListCatalogEntry));
        File.Move(temporary, _catalogPath, overwrite: true);
    }

    private static string Distance(string? distance) => distance?.ToLowerInvariant() switch
    {
        null or "cosine" => DistanceFunction.CosineSimilarity,
        "dot" => DistanceFunction.DotProductSimilarity,
        "euclidean" => DistanceFunction.EuclideanDistance,
        _ => throw new ArgumentException("'distance' must be cosine, dot or euclidean."),
    };

    private static string Kind(string? kind) => kind?.ToLowerInvariant() switch
    {
        null or "flat" => IndexKind.Flat,
        "hnsw" => IndexKind.Hnsw,
        _ => throw new ArgumentException("'indexKind' must be flat or hnsw."),
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
