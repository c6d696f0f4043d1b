using AiPlatform.Sdk.Telemetry;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AiPlatform.Sdk.Data.Diagnostics;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>The typed document store over any provider: serialization, id validation, indexes on first use, telemetry.</summary>
internal sealed class DocumentStore<T>(IDocumentDatabase database, DocumentCollection<T> collection, ClientInstrumentation instrumentation)
    : IDocumentStore<T>
    where T : class
{
    private Task? _ensured;

    public Task<VersionedDocument<T>> InsertAsync(string id, T document, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("Insert", async _ =>
        {
            DocumentErrors.ValidateId("Insert", id);
            await EnsureAsync().ConfigureAwait(false);
            await database.InsertAsync(collection.Name, id, Serialize(document), cancellationToken).ConfigureAwait(false);
            return new VersionedDocument<T>(id, 1, document);
        });

    public Task<VersionedDocument<T>?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("Get", async _ =>
        {
            DocumentErrors.ValidateId("Get", id);
            await EnsureAsync().ConfigureAwait(false);
            var stored = await database.GetAsync(collection.Name, id, cancellationToken).ConfigureAwait(false);
            return stored is null ? null : Deserialize(stored);
        });

    public Task<VersionedDocument<T>> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("Replace", async _ =>
        {
            DocumentErrors.ValidateId("Replace", id);
            await EnsureAsync().ConfigureAwait(false);
            var version = await database.ReplaceAsync(collection.Name, id, Serialize(document), expectedVersion, cancellationToken).ConfigureAwait(false);
            return version is { } v ? new VersionedDocument<T>(id, v, document) : throw DocumentErrors.Missing("Replace", collection.Name, id);
        });

    public Task<bool> DeleteAsync(string id, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("Delete", async _ =>
        {
            DocumentErrors.ValidateId("Delete", id);
            await EnsureAsync().ConfigureAwait(false);
            return await database.DeleteAsync(collection.Name, id, expectedVersion, cancellationToken).ConfigureAwait(false);
        });

    public async IAsyncEnumerable<VersionedDocument<T>> QueryAsync(
        DocumentQuery<T>? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await instrumentation.RunAsync("Query", _ => EnsureAsync()).ConfigureAwait(false);
        query ??= collection.Query();
        await foreach (var stored in database.QueryAsync(collection.Name, query.Filter, query.Sort, query.Skip, query.Limit, cancellationToken)
                           .ConfigureAwait(false))
        {
            yield return Deserialize(stored);
        }
    }

    /// <summary>Creates the collection and its indexes once; a failed attempt is tried again on the next call.</summary>
    private Task EnsureAsync()
    {
        var ensured = _ensured;
        if (ensured is null || ensured.IsFaulted || ensured.IsCanceled)
        {
            ensured = database.EnsureCollectionAsync(collection.Name, collection.Indexes, CancellationToken.None);
            _ensured = ensured;
        }

        return ensured;
    }

    private JsonElement Serialize(T document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.SerializeToElement(document, collection.JsonTypeInfo);
    }

    private VersionedDocument<T> Deserialize(StoredDocument stored) =>
        new(stored.Id, stored.Version, stored.Body.Deserialize(collection.JsonTypeInfo)
            ?? throw new JsonException($"{collection.Name}/{stored.Id} holds null."));
}
