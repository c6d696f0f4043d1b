using System.Runtime.CompilerServices;
using Npgsql;

namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>Object-level permissions in one PostgreSQL table (subject, permission, object) with indexes for both listings.</summary>
internal sealed class PostgresObjectPermissionStore(NpgsqlDataSource dataSource, string table) : IObjectPermissionStore, IAsyncDisposable, IDisposable
{
    private const string Service = "postgresql";
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public async Task GrantAsync(ObjectPermission permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permission);
        permission.Validate();
        await ExecuteAsync(
            $"INSERT INTO {table} (subject, permission, object_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            permission, "Grant", cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(ObjectPermission permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return await ExecuteAsync(
            $"DELETE FROM {table} WHERE subject = $1 AND permission = $2 AND object_id = $3",
            permission, "Revoke", cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> HasPermissionAsync(
        IReadOnlyCollection<string> subjects, string permission, string objectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM {table} WHERE subject = ANY($1) AND permission = $2 AND object_id = $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = subjects.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = permission });
        command.Parameters.Add(new NpgsqlParameter { Value = objectId });
        try
        {
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (NpgsqlException ex)
        {
            throw new AiPlatformException(Service, "CheckPermission", ex.Message, innerException: ex);
        }
    }

    public IAsyncEnumerable<ObjectPermission> ListForSubjectAsync(string subject, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT subject, permission, object_id FROM {table} WHERE subject = $1 ORDER BY object_id, permission", subject, cancellationToken);

    public IAsyncEnumerable<ObjectPermission> ListForObjectAsync(string objectId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT subject, permission, object_id FROM {table} WHERE object_id = $1 ORDER BY subject, permission", objectId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _schemaGate.Dispose();
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _schemaGate.Dispose();
        dataSource.Dispose();
    }

    private async IAsyncEnumerable<ObjectPermission> QueryAsync(
        string sql, string key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ObjectPermission(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }

    private async Task<int> ExecuteAsync(string sql, ObjectPermission permission, string operation, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = permission.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = permission.Permission });
        command.Parameters.Add(new NpgsqlParameter { Value = permission.ObjectId });
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new AiPlatformException(Service, operation, ex.Message, innerException: ex);
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = dataSource.CreateCommand($"""
                CREATE TABLE IF NOT EXISTS {table} (
                    subject text NOT NULL, permission text NOT NULL, object_id text NOT NULL,
                    granted_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (subject, permission, object_id));
                CREATE INDEX IF NOT EXISTS {table}_object ON {table} (object_id, permission)
                """);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        catch (NpgsqlException ex)
        {
            throw new AiPlatformException(Service, "CreateSchema", ex.Message, innerException: ex);
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
