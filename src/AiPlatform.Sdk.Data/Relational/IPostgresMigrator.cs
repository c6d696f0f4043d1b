namespace AiPlatform.Sdk.Data.Relational;

/// <summary>
/// Applies the metadata database's registered <see cref="PostgresMigration"/>s. The host does it at start-up; code that runs before
/// (or without) a host awaits it before touching its tables.
/// </summary>
public interface IPostgresMigrator
{
    /// <summary>Applies every migration not yet recorded, once per process; a failed attempt is tried again on the next call.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="AiPlatformException">PostgreSQL could not be reached or a migration failed.</exception>
    Task EnsureAppliedAsync(CancellationToken cancellationToken = default);
}
