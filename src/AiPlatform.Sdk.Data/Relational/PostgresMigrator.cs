using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Data.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>
/// Applies migrations once per process, under a transaction-scoped advisory lock so that several instances starting together
/// apply each migration exactly once. A failed attempt is tried again on the next call.
/// </summary>
internal sealed partial class PostgresMigrator(
    NpgsqlDataSource dataSource, IEnumerable<PostgresMigration> migrations, ClientInstrumentation instrumentation, ILogger logger) : IPostgresMigrator
{
    /// <summary>The table of the documents provider, the first migration every metadata database gets.</summary>
    public static readonly PostgresMigration Documents = new("0001-documents", """
        create table if not exists aiplatform_documents (
            collection text not null,
            id text not null,
            version bigint not null,
            body jsonb not null,
            updated_at timestamptz not null default now(),
            primary key (collection, id));
        """);

    private const long LockId = 0x41495046_00000001;
    private readonly object _gate = new();
    private Task? _applied;

    public Task EnsureAppliedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_applied is null || _applied.IsFaulted || _applied.IsCanceled)
            {
                _applied = instrumentation.RunAsync("Migrate", async _ =>
                {
                    try
                    {
                        await ApplyAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (NpgsqlException ex) when (ex is not PostgresException)
                    {
                        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
                        throw new AiPlatformException("postgres", "Migrate",
                            $"postgres Migrate failed: PostgreSQL at {builder.Host}:{builder.Port} could not be reached ({ex.Message})", innerException: ex);
                    }
                    catch (PostgresException ex)
                    {
                        throw new AiPlatformException("postgres", "Migrate", $"postgres Migrate failed: {ex.MessageText}", errorCode: ex.SqlState, innerException: ex);
                    }
                });
            }

            return _applied;
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            "select pg_advisory_xact_lock(@lock); create table if not exists aiplatform_schema_migrations (id text primary key, applied_at timestamptz not null default now());",
            connection, transaction))
        {
            command.Parameters.AddWithValue("lock", LockId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select id from aiplatform_schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var migration in migrations.DistinctBy(m => m.Id).Where(m => !applied.Contains(m.Id)))
        {
            await using var command = new NpgsqlCommand(migration.Sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("insert into aiplatform_schema_migrations (id) values (@id)", connection, transaction);
            record.Parameters.AddWithValue("id", migration.Id);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, migration.Id);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Id}")]
    private static partial void LogApplied(ILogger logger, string id);
}
