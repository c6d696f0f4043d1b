namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// A collection of JSON documents of type <typeparamref name="T"/> addressed by id, with optimistic concurrency on a version number,
/// typed queries and indexes declared in code. Backed by the embedded file store, PostgreSQL (jsonb) or MongoDB.
/// </summary>
/// <typeparam name="T">The document type, serialized with its source-generated JSON contract.</typeparam>
public interface IDocumentStore<T>
    where T : class
{
    /// <summary>Inserts a new document at version 1.</summary>
    /// <param name="id">The id: 1 to 256 characters, no control characters.</param>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored document and its version.</returns>
    /// <exception cref="AiPlatformConflictException">A document with this id exists, or a unique index would be violated.</exception>
    Task<VersionedDocument<T>> InsertAsync(string id, T document, CancellationToken cancellationToken = default);

    /// <summary>Reads a document.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document and its version, or <see langword="null"/> when there is none.</returns>
    Task<VersionedDocument<T>?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a document if it is still at <paramref name="expectedVersion"/>, and increments its version.</summary>
    /// <param name="id">The id.</param>
    /// <param name="document">The new content.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored document and its new version.</returns>
    /// <exception cref="AiPlatformConflictException">Someone changed the document since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="AiPlatformNotFoundException">There is no document with this id.</exception>
    Task<VersionedDocument<T>> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document, if it is at <paramref name="expectedVersion"/> when one is given.</summary>
    /// <param name="id">The id.</param>
    /// <param name="expectedVersion">The version the caller read, or <see langword="null"/> to delete unconditionally.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when a document was deleted.</returns>
    /// <exception cref="AiPlatformConflictException">The document exists at another version.</exception>
    Task<bool> DeleteAsync(string id, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Finds the documents that match a query, sorted and paged as it says (by id when it names no order).</summary>
    /// <param name="query">The filter, order and page; <see langword="null"/> returns every document.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The matching documents.</returns>
    IAsyncEnumerable<VersionedDocument<T>> QueryAsync(DocumentQuery<T>? query = null, CancellationToken cancellationToken = default);
}
