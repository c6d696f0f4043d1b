using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Applies the metadata database's migrations when the host starts, before it serves requests, unless <c>ApplyMigrations</c> is off.</summary>
internal sealed class PostgresMigrationService(PostgresMigrator migrator, IOptions<PostgresSettings> settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        settings.Value.ApplyMigrations ? migrator.EnsureAppliedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
