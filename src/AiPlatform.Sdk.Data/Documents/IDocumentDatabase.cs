using System.Text.Json;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>One document provider's untyped operations on JSON bodies; <see cref="DocumentStore{T}"/> adds the types.</summary>
internal interface IDocumentDatabase : AiPlatform.Sdk.Data.Diagnostics.IHealthProbe
{
    string Provider { get; }

    Task EnsureCollectionAsync(string collection, IReadOnlyList<DocumentIndex> indexes, CancellationToken cancellationToken);

    Task InsertAsync(string collection, string id, JsonElement body, CancellationToken cancellationToken);

    Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken);

    /// <summary>Replaces at the expected version; returns the new version, or null when the document is missing.</summary>
    Task<long?> ReplaceAsync(string collection, string id, JsonElement body, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes; returns whether a document was deleted, or throws a conflict when it exists at another version.</summary>
    Task<bool> DeleteAsync(string collection, string id, long? expectedVersion, CancellationToken cancellationToken);

    IAsyncEnumerable<StoredDocument> QueryAsync(
        string collection, DocumentFilter? filter, IReadOnlyList<DocumentSort> sort, int skip, int? limit, CancellationToken cancellationToken);
}

/// <summary>A stored document as a provider returns it.</summary>
internal sealed record StoredDocument(string Id, long Version, JsonElement Body);
