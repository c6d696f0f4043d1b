using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Data.Relational;
using Npgsql;
using NpgsqlTypes;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// Documents in PostgreSQL: one row per document in <c>aiplatform_documents</c> (jsonb body, version column for optimistic
/// concurrency); filters become jsonb comparisons and indexes become partial expression indexes per collection.
/// </summary>
internal sealed class PostgresDocumentDatabase(NpgsqlDataSource dataSource, PostgresMigrator migrator) : IDocumentDatabase
{
    private const string UniqueViolation = "23505";

    public string Provider => "Postgres";

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        CallAsync("Probe", () => migrator.EnsureAppliedAsync(cancellationToken));

    public async Task EnsureCollectionAsync(string collection, IReadOnlyList<DocumentIndex> indexes, CancellationToken cancellationToken)
    {
        await CallAsync("EnsureCollection", () => migrator.EnsureAppliedAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var index in indexes)
        {
            var expressions = string.Join(", ", index.Fields.Select(path => $"({PostgresDocumentSql.Path(path)})"));
            var sql = $"create {(index.Unique ? "unique " : string.Empty)}index if not exists {PostgresDocumentSql.Identifier(index.Name)} " +
                      $"on aiplatform_documents ({expressions}) where collection = {PostgresDocumentSql.Literal(collection)}";
            await CallAsync("EnsureCollection", async () =>
            {
                await using var command = dataSource.CreateCommand(sql);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }

    public Task InsertAsync(string collection, string id, JsonElement body, CancellationToken cancellationToken) =>
        CallAsync("Insert", async () =>
        {
            await using var command = dataSource.CreateCommand(
                "insert into aiplatform_documents (collection, id, version, body) values ($1, $2, 1, $3)");
            Add(command, collection, id, body);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                throw DocumentErrors.Exists(collection, id);
            }
        });

    public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        CallAsync("Get", async () =>
        {
            await using var command = dataSource.CreateCommand("select id, version, body from aiplatform_documents where collection = $1 and id = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = collection });
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        });

    public Task<long?> ReplaceAsync(string collection, string id, JsonElement body, long expectedVersion, CancellationToken cancellationToken) =>
        CallAsync("Replace", async () =>
        {
            await using var command = dataSource.CreateCommand(
                "update aiplatform_documents set body = $3, version = version + 1, updated_at = now() where collection = $1 and id = $2 and version = $4 returning version");
            Add(command, collection, id, body);
            command.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
            object? version;
            try
            {
                version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                throw DocumentErrors.Exists(collection, id);
            }

            if (version is long updated)
            {
                return updated;
            }

            return await GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is null
                ? (long?)null
                : throw DocumentErrors.VersionMismatch("Replace", collection, id, expectedVersion);
        });

    public Task<bool> DeleteAsync(string collection, string id, long? expectedVersion, CancellationToken cancellationToken) =>
        CallAsync("Delete", async () =>
        {
            await using var command = dataSource.CreateCommand(
                "delete from aiplatform_documents where collection = $1 and id = $2 and ($3::bigint is null or version = $3)");
            command.Parameters.Add(new NpgsqlParameter { Value = collection });
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = expectedVersion, NpgsqlDbType = NpgsqlDbType.Bigint });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                return true;
            }

            return expectedVersion is { } expected && await GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is not null
                ? throw DocumentErrors.VersionMismatch("Delete", collection, id, expected)
                : false;
        });

    public async IAsyncEnumerable<StoredDocument> QueryAsync(
        string collection, DocumentFilter? filter, IReadOnlyList<DocumentSort> sort, int skip, int? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("select id, version, body from aiplatform_documents where collection = $1");
        var parameters = new List<NpgsqlParameter> { new() { Value = collection } };
        if (filter is not null)
        {
            sql.Append(" and ").Append(PostgresDocumentSql.Where(filter, parameters));
        }

        sql.Append(" order by ");
        foreach (var key in sort)
        {
            sql.Append(PostgresDocumentSql.Path(key.Path)).Append(key.Descending ? " desc nulls last, " : " asc nulls first, ");
        }

        sql.Append("id offset ").Append(skip);
        if (limit is { } take)
        {
            sql.Append(" limit ").Append(take);
        }

        var documents = await CallAsync("Query", async () =>
        {
            await using var command = dataSource.CreateCommand(sql.ToString());
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<StoredDocument>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Read(reader));
            }

            return rows;
        }).ConfigureAwait(false);
        foreach (var document in documents)
        {
            yield return document;
        }
    }

    private static void Add(NpgsqlCommand command, string collection, string id, JsonElement body)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = collection });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = body.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static StoredDocument Read(NpgsqlDataReader reader)
    {
        using var body = JsonDocument.Parse(reader.GetString(2));
        return new StoredDocument(reader.GetString(0), reader.GetInt64(1), body.RootElement.Clone());
    }

    private async Task CallAsync(string operation, Func<Task> body) =>
        await CallAsync(operation, async () => { await body().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new AiPlatformException(DocumentErrors.Service, operation,
                $"{DocumentErrors.Service} {operation} failed: PostgreSQL at {builder.Host}:{builder.Port} could not be reached ({ex.Message})", innerException: ex);
        }
        catch (PostgresException ex)
        {
            throw AiPlatformErrors.FromStatus(DocumentErrors.Service, operation, 500, ex.SqlState, ex.MessageText, innerException: ex);
        }
    }
}
