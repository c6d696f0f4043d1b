using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// The embedded document store: one JSON file per document under <c>{root}/{collection}/</c>, named by the SHA-256 of its id,
/// written to a temp file and renamed into place. Writes are serialized in process; unique indexes are enforced on write.
/// </summary>
internal sealed class EmbeddedDocumentDatabase(string root) : IDocumentDatabase
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<string, IReadOnlyList<DocumentIndex>> _indexes = [];

    public string Provider => "Embedded";

    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        return Task.CompletedTask;
    }

    public Task EnsureCollectionAsync(string collection, IReadOnlyList<DocumentIndex> indexes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(root, collection));
        lock (_indexes)
        {
            _indexes[collection] = indexes;
        }

        return Task.CompletedTask;
    }

    public async Task InsertAsync(string collection, string id, JsonElement body, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(FilePath(collection, id)) || await ViolatesUniqueAsync(collection, id, body, cancellationToken).ConfigureAwait(false))
            {
                throw DocumentErrors.Exists(collection, id);
            }

            await WriteAsync(collection, new StoredDocument(id, 1, body), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        ReadAsync(FilePath(collection, id), cancellationToken);

    public async Task<long?> ReplaceAsync(string collection, string id, JsonElement body, long expectedVersion, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadAsync(FilePath(collection, id), cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            if (current.Version != expectedVersion)
            {
                throw DocumentErrors.VersionMismatch("Replace", collection, id, expectedVersion);
            }

            if (await ViolatesUniqueAsync(collection, id, body, cancellationToken).ConfigureAwait(false))
            {
                throw DocumentErrors.Exists(collection, id);
            }

            await WriteAsync(collection, new StoredDocument(id, expectedVersion + 1, body), cancellationToken).ConfigureAwait(false);
            return expectedVersion + 1;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<bool> DeleteAsync(string collection, string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = FilePath(collection, id);
            var current = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            if (expectedVersion is { } expected && current.Version != expected)
            {
                throw DocumentErrors.VersionMismatch("Delete", collection, id, expected);
            }

            File.Delete(path);
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async IAsyncEnumerable<StoredDocument> QueryAsync(
        string collection, DocumentFilter? filter, IReadOnlyList<DocumentSort> sort, int skip, int? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = await ReadAllAsync(collection, cancellationToken).ConfigureAwait(false);
        var matching = all.Where(d => JsonDocumentMatcher.Matches(d.Body, filter)).ToList();
        matching.Sort((a, b) =>
        {
            foreach (var key in sort)
            {
                var order = JsonDocumentMatcher.Compare(JsonDocumentMatcher.Resolve(a.Body, key.Path), JsonDocumentMatcher.Resolve(b.Body, key.Path));
                if (order != 0)
                {
                    return key.Descending ? -order : order;
                }
            }

            return string.CompareOrdinal(a.Id, b.Id);
        });
        foreach (var document in matching.Skip(skip).Take(limit ?? int.MaxValue))
        {
            yield return document;
        }
    }

    private async Task<bool> ViolatesUniqueAsync(string collection, string id, JsonElement body, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentIndex> indexes;
        lock (_indexes)
        {
            indexes = _indexes.GetValueOrDefault(collection) ?? [];
        }

        var unique = indexes.Where(i => i.Unique).ToList();
        if (unique.Count == 0)
        {
            return false;
        }

        var others = (await ReadAllAsync(collection, cancellationToken).ConfigureAwait(false)).Where(d => d.Id != id).ToList();
        return unique.Any(index => others.Any(other => index.Fields.All(path =>
            JsonDocumentMatcher.Compare(JsonDocumentMatcher.Resolve(other.Body, path), JsonDocumentMatcher.Resolve(body, path)) == 0)));
    }

    private async Task<List<StoredDocument>> ReadAllAsync(string collection, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(root, collection);
        var documents = new List<StoredDocument>();
        if (!Directory.Exists(directory))
        {
            return documents;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            if (await ReadAsync(file, cancellationToken).ConfigureAwait(false) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    private static async Task<StoredDocument?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            return new StoredDocument(root.GetProperty("id").GetString()!, root.GetProperty("version").GetInt64(), root.GetProperty("body").Clone());
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task WriteAsync(string collection, StoredDocument document, CancellationToken cancellationToken)
    {
        var path = FilePath(collection, document.Id);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteString("id", document.Id);
                writer.WriteNumber("version", document.Version);
                writer.WritePropertyName("body");
                document.Body.WriteTo(writer);
                writer.WriteEndObject();
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private string FilePath(string collection, string id) =>
        Path.Combine(root, collection, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))) + ".json");
}
