using AiPlatform.Sdk.Serving.TorchServe;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.TorchServe;

/// <summary>The TorchServe client against a server answering with the payloads of TorchServe's inference and management API documentation.</summary>
[Trait("Kind", "Contract")]
public sealed class TorchServeContractTests : IAsyncLifetime
{
    private KestrelTestServer _inference = null!;
    private KestrelTestServer _management = null!;
    private ServiceProvider _services = null!;

    private ITorchServeClient Client => _services.GetRequiredService<ITorchServeClient>();

    public async Task InitializeAsync()
    {
        _inference = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet("/ping", () => Results.Text("""{ "status": "Healthy" }""", "application/json"));
            app.MapPost("/predictions/resnet-18", () => Results.Text("""[{ "tabby": 0.4664, "tiger_cat": 0.4645 }]""", "application/json"));
            app.MapPost("/predictions/resnet-18/2.0", () => Results.Text("v2", "text/plain"));
            app.MapPost("/predictions/missing", () => Results.Text(
                """{ "code": 404, "type": "ModelNotFoundException", "message": "Model not found: missing" }""", "application/json", statusCode: 404));
        });
        _management = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/models", () => Results.Text(
                """{ "status": "Model \"squeezenet_v1.1\" Version: 1.0 registered with 1 initial workers" }""", "application/json"));
            app.MapPut("/models/noop", () => Results.Text("""{ "status": "Workers scaled to 3 for model: noop, version: 1.11" }""", "application/json"));
            app.MapGet("/models/noop", () => Results.Text("""
                [ { "modelName": "noop", "modelVersion": "1.11", "modelUrl": "noop.mar", "engine": "Torch", "runtime": "python",
                    "minWorkers": 1, "maxWorkers": 1, "batchSize": 1, "maxBatchDelay": 100, "isDefaultVersion": true,
                    "workers": [ { "id": "9000", "startTime": "2018-10-02T13:44:53.034Z", "status": "READY", "gpu": false, "memoryUsage": 89247744 } ] } ]
                """, "application/json"));
            app.MapGet("/models", (HttpRequest request) => request.Query["next_page_token"] == "2"
                ? Results.Text("""{ "models": [ { "modelName": "resnet-18", "modelUrl": "resnet-18.mar" } ] }""", "application/json")
                : Results.Text("""{ "nextPageToken": "2", "models": [ { "modelName": "noop", "modelUrl": "noop-v1.0" }, { "modelName": "noop_v0.1", "modelUrl": "noop-v0.1" } ] }""", "application/json"));
            app.MapDelete("/models/noop/1.0", () => Results.Text("""{ "status": "Model \"noop\" unregistered" }""", "application/json"));
            app.MapPut("/models/noop/2.0/set-default", () => Results.Text(
                """{ "status": "Default vesion succsesfully updated for model \"noop\" to \"2.0\"" }""", "application/json"));
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:TorchServe:Endpoint"] = _inference.BaseAddress.ToString(),
            ["AiPlatform:Serving:TorchServe:ManagementEndpoint"] = _management.BaseAddress.ToString(),
            ["AiPlatform:Serving:TorchServe:InferenceKey"] = "inference-key",
            ["AiPlatform:Serving:TorchServe:ManagementKey"] = "management-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatformCore(configuration).AddServing();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _inference.DisposeAsync();
        await _management.DisposeAsync();
    }

    [Fact]
    public async Task Ping_and_predictions_use_the_inference_api_with_the_inference_key()
    {
        var healthy = await Client.PingAsync();
        var prediction = await Client.PredictAsync("resnet-18", "{\"data\":[1]}"u8.ToArray());
        var versioned = await Client.PredictAsync("resnet-18", "x"u8.ToArray(), "text/plain", "2.0");

        Assert.True(healthy);
        Assert.Contains("tabby", prediction.GetString(), StringComparison.Ordinal);
        Assert.Equal("v2", versioned.GetString());
        var sent = _inference.Requests.Single(r => r.PathAndQuery == "/predictions/resnet-18");
        Assert.Equal("Bearer inference-key", sent.Headers["Authorization"]);
        Assert.Equal("{\"data\":[1]}", sent.Body);
        Assert.StartsWith("text/plain", _inference.Requests.Single(r => r.PathAndQuery == "/predictions/resnet-18/2.0").Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_raises_not_found_with_torchserve_message()
    {
        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Client.PredictAsync("missing", "{}"u8.ToArray()));

        Assert.Equal("Model not found: missing", error.ServerMessage);
    }

    [Fact]
    public async Task Register_sends_the_documented_query_to_the_management_api_with_the_management_key()
    {
        var status = await Client.RegisterModelAsync(new TorchServeRegistration("https://torchserve.example/mar_files/squeezenet_v1.1.mar") { InitialWorkers = 1, BatchSize = 4 });

        // The client returns the "status" field of TorchServe's answer, not the body: the JSON braces and key are gone.
        Assert.Equal("Model \"squeezenet_v1.1\" Version: 1.0 registered with 1 initial workers", status);
        var sent = _management.Requests.Single(r => r.Method == "POST");
        Assert.Equal(
            "/models?url=https%3A%2F%2Ftorchserve.example%2Fmar_files%2Fsqueezenet_v1.1.mar&initial_workers=1&batch_size=4&synchronous=true",
            sent.PathAndQuery);
        Assert.Equal("Bearer management-key", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Scale_describe_unregister_and_set_default_follow_the_management_api()
    {
        var scaled = await Client.ScaleWorkersAsync("noop", 3, 3);
        var description = Assert.Single(await Client.DescribeModelAsync("noop"));
        var unregistered = await Client.UnregisterModelAsync("noop", "1.0");
        var defaulted = await Client.SetDefaultVersionAsync("noop", "2.0");

        // What the client sent is checked against TorchServe's management API; the answers are the "status" fields unwrapped.
        Assert.Contains(_management.Requests, r => r is { Method: "PUT", PathAndQuery: "/models/noop?min_worker=3&max_worker=3&synchronous=true" });
        Assert.Contains(_management.Requests, r => r is { Method: "GET", PathAndQuery: "/models/noop" });
        Assert.Contains(_management.Requests, r => r is { Method: "DELETE", PathAndQuery: "/models/noop/1.0" });
        Assert.Contains(_management.Requests, r => r is { Method: "PUT", PathAndQuery: "/models/noop/2.0/set-default" });
        Assert.Equal("Workers scaled to 3 for model: noop, version: 1.11", scaled);
        Assert.Equal("Model \"noop\" unregistered", unregistered);
        Assert.Equal("Default vesion succsesfully updated for model \"noop\" to \"2.0\"", defaulted);
        Assert.Equal(("1.11", "Torch", 100), (description.ModelVersion, description.Engine, description.MaxBatchDelay));
        Assert.Equal(("9000", "READY", 89247744L), (description.Workers[0].Id, Assert.Single(description.Workers).Status, description.Workers[0].MemoryUsage));
    }

    [Fact]
    public async Task Ping_reports_unhealthy_when_torchserve_says_so()
    {
        await using var unhealthy = await KestrelTestServer.StartAsync(app =>
            app.MapGet("/ping", () => Results.Text("""{ "status": "Unhealthy" }""", "application/json")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:TorchServe:Endpoint"] = unhealthy.BaseAddress.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddServing();
        await using var provider = services.BuildServiceProvider();

        var healthy = await provider.GetRequiredService<ITorchServeClient>().PingAsync();

        Assert.False(healthy);
    }

    [Fact]
    public async Task List_follows_next_page_tokens()
    {
        var models = new List<string>();
        await foreach (var model in Client.ListModelsAsync(pageSize: 2))
        {
            models.Add(model.ModelName);
        }

        Assert.Equal(["noop", "noop_v0.1", "resnet-18"], models);
        Assert.Contains(_management.Requests, r => r.PathAndQuery == "/models?limit=2&next_page_token=2");
    }
}
