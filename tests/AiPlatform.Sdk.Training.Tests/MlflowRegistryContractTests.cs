using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// Contract tests of the registry client against MLflow's model registry REST API 2.0 as mlflow/protos/model_registry.proto (mlflow/mlflow,
/// v2.x) defines it: verbs (DELETE with a JSON body for deletions), query parameters of the GET calls, snake_case fields, aliases as
/// <c>{alias, version}</c> on registered models and as names on versions.
/// </summary>
public sealed class MlflowRegistryContractTests
{
    [Fact]
    public async Task Registry_calls_use_mlflow_verbs_paths_and_fields()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/api/2.0/mlflow/model-versions/create", () => Results.Text(
                """{"model_version":{"name":"churn","version":"3","creation_timestamp":1700000000000,"last_updated_timestamp":1700000000000,"current_stage":"None","source":"runs:/abc/model","run_id":"abc","status":"READY","aliases":["champion"]}}""",
                "application/json"));
            app.MapGet("/api/2.0/mlflow/registered-models/alias", () => Results.Text(
                """{"model_version":{"name":"churn","version":"3","current_stage":"None","source":"runs:/abc/model","aliases":["champion"]}}""", "application/json"));
            app.MapGet("/api/2.0/mlflow/registered-models/get", () => Results.Text(
                """{"registered_model":{"name":"churn","creation_timestamp":1700000000000,"last_updated_timestamp":1700000000001,"aliases":[{"alias":"champion","version":"3"}],"tags":[{"key":"owner","value":"ds"}]}}""",
                "application/json"));
            app.MapDelete("/api/2.0/mlflow/registered-models/alias", () => Results.Text("{}", "application/json"));
            app.MapGet("/api/2.0/mlflow/model-versions/search", () => Results.Text("""{"model_versions":[{"name":"churn","version":"3"}]}""", "application/json"));
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Training:Tracking:Endpoint"] = server.BaseAddress.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTraining();
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IModelRegistry>();

        var created = await registry.CreateModelVersionAsync("churn", "runs:/abc/model", "abc");
        var champion = await registry.GetModelVersionByAliasAsync("churn", "champion");
        var model = await registry.GetRegisteredModelAsync("churn");
        await registry.DeleteAliasAsync("churn", "champion");
        var versions = await registry.SearchModelVersionsAsync("churn").ToListAsync();

        Assert.Equal("3", created.Version);
        Assert.Equal(["champion"], champion.Aliases);
        Assert.Equal("3", model.Aliases["champion"]);
        Assert.Equal("ds", model.Tags["owner"]);
        Assert.Equal("3", versions.Single().Version);
        var create = JsonNode.Parse(server.Requests.Single(r => r.PathAndQuery.EndsWith("/model-versions/create", StringComparison.Ordinal)).Body)!;
        Assert.Equal("churn", (string)create["name"]!);
        Assert.Equal("runs:/abc/model", (string)create["source"]!);
        Assert.Equal("abc", (string)create["run_id"]!);
        Assert.Contains(server.Requests, r => r is { Method: "GET", PathAndQuery: "/api/2.0/mlflow/registered-models/alias?name=churn&alias=champion" });
        var delete = server.Requests.Single(r => r.Method == "DELETE");
        Assert.Equal("champion", (string)JsonNode.Parse(delete.Body)!["alias"]!);
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.PathAndQuery.StartsWith("/api/2.0/mlflow/model-versions/search?filter=name%3D%27churn%27", StringComparison.Ordinal));
    }
}
