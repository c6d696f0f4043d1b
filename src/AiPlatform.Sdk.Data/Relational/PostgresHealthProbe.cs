using AiPlatform.Sdk.Data.Diagnostics;
using Npgsql;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Checks that the metadata database answers a query.</summary>
internal sealed class PostgresHealthProbe(NpgsqlDataSource dataSource) : IHealthProbe
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
