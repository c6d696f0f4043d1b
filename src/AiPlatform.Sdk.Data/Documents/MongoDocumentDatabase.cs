using System.Runtime.CompilerServices;
using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Documents in MongoDB, one MongoDB collection per document collection; see <see cref="MongoDocumentQueries"/> for the stored shape.</summary>
internal sealed class MongoDocumentDatabase(IMongoDatabase database) : IDocumentDatabase
{
    public string Provider => "MongoDB";

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        CallAsync("Probe", () => database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken));

    public Task EnsureCollectionAsync(string collection, IReadOnlyList<DocumentIndex> indexes, CancellationToken cancellationToken) =>
        CallAsync("EnsureCollection", () => indexes.Count == 0
            ? Task.CompletedTask
            : Collection(collection).Indexes.CreateManyAsync(indexes.Select(MongoDocumentQueries.Index), cancellationToken));

    public Task InsertAsync(string collection, string id, JsonElement body, CancellationToken cancellationToken) =>
        CallAsync("Insert", async () =>
        {
            try
            {
                await Collection(collection).InsertOneAsync(MongoDocumentQueries.Document(id, 1, body), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                throw DocumentErrors.Exists(collection, id);
            }
        });

    public async Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken)
    {
        StoredDocument? found = null;
        await CallAsync("Get", async () =>
        {
            var document = await Collection(collection).Find(MongoDocumentQueries.ById(id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            found = document is null ? null : MongoDocumentQueries.FromBson(document);
        }).ConfigureAwait(false);
        return found;
    }

    public async Task<long?> ReplaceAsync(string collection, string id, JsonElement body, long expectedVersion, CancellationToken cancellationToken)
    {
        ReplaceOneResult? result = null;
        await CallAsync("Replace", async () =>
        {
            try
            {
                result = await Collection(collection).ReplaceOneAsync(
                    MongoDocumentQueries.ById(id, expectedVersion), MongoDocumentQueries.Document(id, expectedVersion + 1, body),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                throw DocumentErrors.Exists(collection, id);
            }
        }).ConfigureAwait(false);
        if (result!.MatchedCount == 1)
        {
            return expectedVersion + 1;
        }

        return await GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is null
            ? null
            : throw DocumentErrors.VersionMismatch("Replace", collection, id, expectedVersion);
    }

    public async Task<bool> DeleteAsync(string collection, string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        DeleteResult? result = null;
        await CallAsync("Delete", async () =>
            result = await Collection(collection).DeleteOneAsync(MongoDocumentQueries.ById(id, expectedVersion), cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
        if (result!.DeletedCount == 1)
        {
            return true;
        }

        return expectedVersion is { } expected && await GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is not null
            ? throw DocumentErrors.VersionMismatch("Delete", collection, id, expected)
            : false;
    }

    public async IAsyncEnumerable<StoredDocument> QueryAsync(
        string collection, DocumentFilter? filter, IReadOnlyList<DocumentSort> sort, int skip, int? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<BsonDocument> documents = [];
        await CallAsync("Query", async () =>
        {
            var find = Collection(collection).Find(MongoDocumentQueries.Filter(filter)).Sort(MongoDocumentQueries.Sort(sort)).Skip(skip);
            documents = await (limit is { } take ? find.Limit(take) : find).ToListAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var document in documents)
        {
            yield return MongoDocumentQueries.FromBson(document);
        }
    }

    private IMongoCollection<BsonDocument> Collection(string name) => database.GetCollection<BsonDocument>(name);

    private async Task CallAsync(string operation, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoConnectionException)
        {
            var servers = string.Join(",", database.Client.Settings.Servers.Select(s => s.ToString()));
            throw new AiPlatformException(DocumentErrors.Service, operation,
                $"{DocumentErrors.Service} {operation} failed: MongoDB at {servers} could not be reached ({ex.Message})", innerException: ex);
        }
    }
}
