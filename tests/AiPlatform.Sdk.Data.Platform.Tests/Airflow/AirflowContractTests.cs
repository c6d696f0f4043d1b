using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Airflow;

/// <summary>
/// Every operation of <see cref="IAirflowClient"/> against Prism serving a trimmed official definition (Definitions/airflow-2.yaml from
/// v1.yaml, Definitions/airflow-3.yaml from v2-rest-api-generated.yaml and the simple auth manager's /auth/token). The generation is
/// detected, as by default; Prism refuses paths, queries, bodies (Airflow 3's additionalProperties: false, its required nullable
/// logical_date) and credentials the definition does not allow, so each successful call was well-formed.
/// </summary>
[Trait("Kind", "Contract")]
public abstract class AirflowContractTests(PrismServer prism)
{
    protected ServiceProvider Build(Action<HttpRequestMessage>? alter = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Airflow:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:Airflow:Username"] = "admin",
            ["DataPlatform:Airflow:Password"] = "admin-password",
        },
        p => p.AddAirflow(), "airflow", alter);

    [Fact]
    public async Task Health_and_version_are_read()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var health = await client.GetHealthAsync();
        var version = await client.GetVersionAsync();

        Assert.True(health.IsHealthy);
        Assert.NotNull(health.LatestSchedulerHeartbeat);
        Assert.Matches(@"^[23]\.\d+\.\d+$", version.Version);
    }

    [Fact]
    public async Task Dags_are_listed_paused_and_unpaused()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var dags = await client.ListDagsAsync().ToListAsync();
        var paused = await client.SetDagPausedAsync("etl", true);
        var unpaused = await client.SetDagPausedAsync("etl", false);

        var dag = Assert.Single(dags);
        Assert.Equal("etl", dag.DagId);
        Assert.Equal("nightly", Assert.Single(dag.Tags).Name);
        Assert.Equal(["data"], dag.Owners);
        Assert.Equal("etl", paused.DagId);
        Assert.NotNull(unpaused.IsPaused);
    }

    [Fact]
    public async Task A_run_is_triggered_with_conf_read_and_listed()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var run = await client.TriggerDagRunAsync("etl", new DagRunRequest { Conf = new JsonObject { ["dataset"] = "s3://datasets/cats/v3" }, Note = "from the SDK" });
        var read = await client.GetDagRunAsync("etl", run.RunId);
        var runs = await client.ListDagRunsAsync("etl").ToListAsync();

        Assert.Equal("etl", run.DagId);
        Assert.StartsWith("manual__", run.RunId, StringComparison.Ordinal);
        Assert.Equal(DagRunState.Queued, read.State);
        Assert.Equal(run.RunId, Assert.Single(runs).RunId);
    }

    [Fact]
    public async Task Task_instances_and_a_log_are_read()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var instances = await client.ListTaskInstancesAsync("etl", "manual__1").ToListAsync();
        var log = await client.GetTaskLogAsync("etl", "manual__1", "extract", instances[0].TryNumber);

        Assert.Equal("extract", Assert.Single(instances).TaskId);
        Assert.Equal(-1, instances[0].MapIndex);
        Assert.Contains("Done. Returned value was: None", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_are_created_read_updated_listed_and_deleted()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var created = await client.CreateVariableAsync(new AirflowVariable { Key = "dataset_root", Value = "s3://datasets/", Description = "where datasets live" });
        var read = await client.GetVariableAsync("dataset_root");
        var updated = await client.UpdateVariableAsync(new AirflowVariable { Key = "dataset_root", Value = "s3://datasets-v2/" });
        var all = await client.ListVariablesAsync().ToListAsync();
        await client.DeleteVariableAsync("dataset_root");

        Assert.Equal("dataset_root", created.Key);
        Assert.Equal("s3://datasets/", read.Value);
        Assert.Equal("dataset_root", updated.Key);
        Assert.Equal("dataset_root", Assert.Single(all).Key);
    }

    [Fact]
    public async Task Connections_are_created_read_listed_and_deleted()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IAirflowClient>();

        var created = await client.CreateConnectionAsync(new AirflowConnection { ConnectionId = "warehouse", ConnType = "postgres", Host = "db", Port = 5432, Password = "from-vault" });
        var read = await client.GetConnectionAsync("warehouse");
        var all = await client.ListConnectionsAsync().ToListAsync();
        await client.DeleteConnectionAsync("warehouse");

        Assert.Equal("warehouse", created.ConnectionId);
        Assert.Equal(5432, read.Port);
        Assert.Equal("postgres", Assert.Single(all).ConnType);
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<IAirflowClient>().ListDagsAsync().ToListAsync().AsTask());

        Assert.Equal("airflow", error.Service);
        Assert.Equal("ListDags", error.Operation);
    }

    [Fact]
    public async Task Forbidden_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<IAirflowClient>().SetDagPausedAsync("etl", true));

        Assert.Equal("PauseDag", error.Operation);
    }

    [Fact]
    public async Task Not_found_names_the_run()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<IAirflowClient>().GetDagRunAsync("etl", "manual__1"));

        Assert.Contains("run 'manual__1' of DAG 'etl' was not found", error.Message, StringComparison.Ordinal);
    }
}

public sealed class Airflow2ContractTests(Airflow2Prism prism) : AirflowContractTests(prism), IClassFixture<Airflow2Prism>;

public sealed class Airflow3ContractTests(Airflow3Prism prism) : AirflowContractTests(prism), IClassFixture<Airflow3Prism>
{
    [Fact]
    public async Task A_422_lists_each_field_error()
    {
        await using var provider = Build(PlatformHost.PreferCode(422));

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => provider.GetRequiredService<IAirflowClient>().TriggerDagRunAsync("etl"));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("missing", error.ErrorCode);
        Assert.Contains("body.logical_date: Field required", error.Message, StringComparison.Ordinal);
    }
}
