using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AiPlatform.Sdk.Data.Tests.Relational;

/// <summary>The metadata database on a real PostgreSQL server: migrations at start-up, once each.</summary>
[Trait("Kind", "Live")]
public sealed class PostgresMigrationTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["AiPlatform:Data:Postgres:ConnectionString"] = ServiceEndpoints.Postgres };

    [Fact]
    public async Task Migrations_are_applied_at_start_up_once_even_by_several_hosts()
    {
        var table = $"test_{Guid.NewGuid():N}";
        var migration = new PostgresMigration($"test-{table}", $"create table {table} (id int primary key); insert into {table} values (1);");
        using var first = TestHost.Build(Settings, data => data.AddPostgresMigration(migration));
        using var second = TestHost.Build(Settings, data => data.AddPostgresMigration(migration));

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        await using var count = first.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select count(*) from {table}");
        var rows = (long)(await count.ExecuteScalarAsync())!;
        await first.StopAsync();
        await second.StopAsync();

        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task Health_check_reports_the_database_healthy()
    {
        using var host = TestHost.Build(Settings);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "aiplatform-postgres");

        Assert.Equal(HealthStatus.Healthy, report.Entries["aiplatform-postgres"].Status);
    }

    [Fact]
    public async Task Unreachable_database_makes_the_health_check_unhealthy()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Postgres:ConnectionString"] = "Host=127.0.0.1;Port=9;Timeout=1" });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "aiplatform-postgres");

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["aiplatform-postgres"].Status);
    }
}
