using System.Net;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// Contract tests of the MLflow client against MLflow's REST API 2.0 as mlflow/protos/service.proto (mlflow/mlflow, v2.x) and the
/// REST API reference define it: paths, verbs, snake_case fields, query parameters, the log-batch limits and the error shape
/// <c>{"error_code", "message"}</c>. The fixture server answers as MLflow does and records every request.
/// </summary>
public sealed class MlflowClientContractTests
{
    private const string RunId = "5f0e7d9a3b2c4d1e8f6a7b9c0d1e2f3a";

    [Fact]
    public async Task Requests_use_mlflow_paths_verbs_and_field_names_under_the_base_path()
    {
        await using var server = await StartAsync(app =>
        {
            app.MapPost("/gitlab/api/2.0/mlflow/experiments/create", () => Results.Text("""{"experiment_id":"12"}""", "application/json"));
            app.MapGet("/gitlab/api/2.0/mlflow/experiments/get-by-name", () => Results.Text(
                """{"experiment":{"experiment_id":"12","name":"churn","artifact_location":"s3://bucket/12","lifecycle_stage":"active","creation_time":1700000000000,"last_update_time":1700000000000,"tags":[{"key":"team","value":"a"}]}}""",
                "application/json"));
            app.MapPost("/gitlab/api/2.0/mlflow/runs/update", () => Results.Text(
                $$$"""{"run_info":{"run_id":"{{{RunId}}}","run_uuid":"{{{RunId}}}","experiment_id":"12","status":"FINISHED","start_time":1700000000000,"end_time":1700000001000,"lifecycle_stage":"active"}}""",
                "application/json"));
        });
        await using var services = Build(server, basePath: "/gitlab");
        var tracker = services.GetRequiredService<IExperimentTracker>();

        var id = await tracker.CreateExperimentAsync("churn", new Dictionary<string, string> { ["team"] = "a" });
        var found = await tracker.FindExperimentAsync("churn");
        var info = await tracker.UpdateRunAsync(RunId, RunStatus.Finished);

        Assert.Equal("12", id);
        Assert.Equal("a", found!.Tags["team"]);
        Assert.Equal(RunStatus.Finished, info.Status);
        var create = JsonNode.Parse(server.Requests.Single(r => r.PathAndQuery.EndsWith("/experiments/create", StringComparison.Ordinal)).Body)!;
        Assert.Equal("churn", (string)create["name"]!);
        Assert.Equal("team", (string)create["tags"]![0]!["key"]!);
        Assert.Contains(server.Requests, r => r is { Method: "GET", PathAndQuery: "/gitlab/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn" });
        var update = JsonNode.Parse(server.Requests.Single(r => r.PathAndQuery.EndsWith("/runs/update", StringComparison.Ordinal)).Body)!;
        Assert.Equal("FINISHED", (string)update["status"]!);
        Assert.Equal(RunId, (string)update["run_id"]!);
        Assert.NotNull(update["end_time"]);
    }

    [Fact]
    public async Task A_batch_is_split_within_mlflow_limits_before_sending()
    {
        await using var server = await StartAsync(app => app.MapPost("/api/2.0/mlflow/runs/log-batch", () => Results.Text("{}", "application/json")));
        await using var services = Build(server);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        await services.GetRequiredService<IExperimentTracker>().LogBatchAsync(
            RunId,
            [.. Enumerable.Range(0, 1500).Select(i => new Metric("loss", i, now, i))],
            Enumerable.Range(0, 150).ToDictionary(i => $"p{i}", i => "v"),
            Enumerable.Range(0, 120).ToDictionary(i => $"t{i}", i => "v"));

        var bodies = server.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(bodies, b =>
        {
            var metrics = b["metrics"]?.AsArray().Count ?? 0;
            var parameters = b["params"]?.AsArray().Count ?? 0;
            var tags = b["tags"]?.AsArray().Count ?? 0;
            Assert.InRange(metrics, 0, 1000);
            Assert.InRange(parameters, 0, 100);
            Assert.InRange(tags, 0, 100);
            Assert.InRange(metrics + parameters + tags, 1, 1000);
            Assert.Equal(RunId, (string)b["run_id"]!);
        });
        Assert.Equal(1500, bodies.Sum(b => b["metrics"]?.AsArray().Count ?? 0));
        Assert.Equal(150, bodies.Sum(b => b["params"]?.AsArray().Count ?? 0));
        Assert.Equal(120, bodies.Sum(b => b["tags"]?.AsArray().Count ?? 0));
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => (long)i), bodies.SelectMany(b => b["metrics"]?.AsArray() ?? []).Select(m => (long)m!["step"]!));
    }

    [Theory]
    [InlineData(404, "RESOURCE_DOES_NOT_EXIST", typeof(AiPlatformNotFoundException))]
    [InlineData(400, "INVALID_PARAMETER_VALUE", typeof(AiPlatformValidationException))]
    [InlineData(400, "RESOURCE_ALREADY_EXISTS", typeof(AiPlatformConflictException))]
    public async Task Mlflow_errors_become_the_sdk_exceptions_with_the_server_message(int status, string code, Type expected)
    {
        await using var server = await StartAsync(app => app.MapGet("/api/2.0/mlflow/runs/get", () =>
            Results.Text($$"""{"error_code":"{{code}}","message":"Run '{{RunId}}' said {{code}}"}""", "application/json", statusCode: status)));
        await using var services = Build(server);

        var error = await Assert.ThrowsAnyAsync<AiPlatformException>(() => services.GetRequiredService<IExperimentTracker>().GetRunAsync(RunId));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains($"said {code}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_follows_page_tokens_and_metric_history_decodes_non_finite_values()
    {
        await using var server = await StartAsync(app =>
        {
            app.MapPost("/api/2.0/mlflow/runs/search", async (HttpRequest request) =>
            {
                var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
                var second = (string?)body["page_token"] == "page-2";
                var run = $$$"""{"info":{"run_id":"{{{(second ? "b" : "a")}}}","experiment_id":"1","status":"RUNNING","start_time":1700000000000},"data":{}}""";
                return Results.Text(second ? $$"""{"runs":[{{run}}]}""" : $$"""{"runs":[{{run}}],"next_page_token":"page-2"}""", "application/json");
            });
            app.MapGet("/api/2.0/mlflow/metrics/get-history", () => Results.Text(
                """{"metrics":[{"key":"loss","value":"NaN","timestamp":"1700000000000","step":"1"},{"key":"loss","value":"Infinity","timestamp":1700000000001,"step":2}]}""",
                "application/json"));
        });
        await using var services = Build(server);
        var tracker = services.GetRequiredService<IExperimentTracker>();

        var runs = await tracker.SearchRunsAsync(new RunQuery { ExperimentIds = ["1"], Filter = "metrics.loss < 1", OrderBy = ["metrics.loss"] }).ToListAsync();
        var history = await tracker.GetMetricHistoryAsync(RunId, "loss");

        Assert.Equal(["a", "b"], runs.Select(r => r.Info.RunId));
        var first = JsonNode.Parse(server.Requests.First(r => r.PathAndQuery.EndsWith("/runs/search", StringComparison.Ordinal)).Body)!;
        Assert.Equal("1", (string)first["experiment_ids"]![0]!);
        Assert.Equal("metrics.loss < 1", (string)first["filter"]!);
        Assert.Equal("metrics.loss", (string)first["order_by"]![0]!);
        Assert.True(double.IsNaN(history[0].Value));
        Assert.Equal(double.PositiveInfinity, history[1].Value);
        Assert.Equal(2, history[1].Step);
        Assert.Contains(server.Requests, r => r.PathAndQuery == $"/api/2.0/mlflow/metrics/get-history?run_id={RunId}&metric_key=loss");
    }

    private static Task<KestrelTestServer> StartAsync(Action<WebApplication> map) => KestrelTestServer.StartAsync(map);

    private static ServiceProvider Build(KestrelTestServer server, string? basePath = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Training:Tracking:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["AiPlatform:Training:Tracking:BasePath"] = basePath,
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTraining();
        return services.BuildServiceProvider();
    }
}
