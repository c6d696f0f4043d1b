using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Applies the metadata database's migrations when the host starts, before it serves requests.</summary>
internal sealed class PostgresMigrationService(PostgresMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.EnsureAppliedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
