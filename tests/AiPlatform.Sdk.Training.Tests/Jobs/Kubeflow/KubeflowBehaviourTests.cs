using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Jobs.Kubeflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Kubeflow;

/// <summary>
/// The Kubeflow backend against a Kestrel fake of the v2beta1 run API where behaviour matters: the one-step pipeline spec a job becomes,
/// a run that is terminated (CANCELING, then CANCELED), KFP's googleRpcStatus errors, configuration checks. Bodies as the definition.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class KubeflowBehaviourTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _states = new();
    private JsonObject? _created;
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
    {
        app.MapPost("/apis/v2beta1/runs", async (HttpRequest request) =>
        {
            _created = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            _states["run-1"] = "RUNNING";
            return Results.Json(new { run_id = "run-1", display_name = (string?)_created["display_name"], state = "PENDING", created_at = "2026-12-08T01:00:00Z" });
        });
        app.MapGet("/apis/v2beta1/runs/{id}", (string id) => _states.TryGetValue(id, out var state)
            ? Results.Json(new { run_id = id, display_name = "job", state, created_at = "2026-12-08T01:00:00Z" })
            : Results.Json(new { code = 5, message = $"Failed to get run: ResourceNotFoundError: Run {id} not found" }, statusCode: 404));
        app.MapPost("/apis/v2beta1/runs/{id}:terminate", (string id) =>
        {
            _states[id] = "CANCELING";
            _ = Task.Delay(300).ContinueWith(_ => _states[id] = "CANCELED", TaskScheduler.Default);
            return Results.Json(new { });
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_job_becomes_one_container_step_with_its_command_arguments_environment_and_resources()
    {
        await using var app = new KubeflowApp(_server.BaseAddress);

        await app.Jobs.SubmitAsync(new JobSubmission
        {
            Entrypoint = "python",
            Arguments = ["train.py", "--lr=0.1"],
            Environment = new Dictionary<string, string> { ["EPOCHS"] = "3" },
            Resources = new JobResources(Cpus: 2, Gpus: 1, MemoryBytes: 4L << 30),
        });

        var spec = _created!["pipeline_spec"]!;
        var container = spec["deploymentSpec"]!["executors"]!["exec-train"]!["container"]!;
        Assert.Equal("registry.example:5000/trainer:1.4", (string?)container["image"]);
        Assert.Equal(["python"], container["command"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["train.py", "--lr=0.1"], container["args"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("3", (string?)container["env"]![0]!["value"]);
        Assert.Equal("2", (string?)container["resources"]!["resourceCpuLimit"]);
        Assert.Equal("4294967296", (string?)container["resources"]!["resourceMemoryLimit"]);
        Assert.Equal("1", (string?)container["resources"]!["accelerator"]!["resourceCount"]);
        Assert.Equal("comp-train", (string?)spec["root"]!["dag"]!["tasks"]!["train"]!["componentRef"]!["name"]);
        Assert.Equal("exec-train", (string?)spec["components"]!["comp-train"]!["executorLabel"]);
        Assert.Equal("alice@example.com", _server.Requests.Last(r => r.Method == "POST").Headers["kubeflow-userid"]);
    }

    [Fact]
    public async Task Stopping_terminates_the_run_which_reads_stopping_then_stopped()
    {
        await using var app = new KubeflowApp(_server.BaseAddress);
        var job = await app.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "python", Arguments = ["train.py"] });

        var stopping = await app.Jobs.StopAsync(job.Id);
        var stopped = await app.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Equal(JobState.Stopping, stopping.State);
        Assert.Equal(JobState.Stopped, stopped.State);
        Assert.Contains("stop it", (await Assert.ThrowsAsync<AiPlatformConflictException>(async () =>
        {
            _states[job.Id] = "RUNNING";
            await app.Jobs.DeleteAsync(job.Id);
        })).Message);
    }

    [Fact]
    public async Task Kfp_errors_become_typed_errors_naming_the_run()
    {
        await using var app = new KubeflowApp(_server.BaseAddress);

        var missing = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => app.Jobs.GetAsync("run-missing"));

        Assert.Contains("run 'run-missing'", missing.Message);
        Assert.Contains("ResourceNotFoundError", missing.ServerMessage);
        Assert.Contains("image", (await Assert.ThrowsAsync<AiPlatformValidationException>(() =>
            app.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "python", WorkingDirectory = "." }))).Message);
    }

    [Fact]
    public void A_kubeflow_endpoint_without_an_image_fails_validation_naming_the_key_and_local_jobs_have_no_kubeflow_client()
    {
        var kubeflow = Services(new() { ["AiPlatform:Training:Jobs:Endpoint"] = "http://ml-pipeline:8888", ["AiPlatform:Training:Jobs:Kind"] = "Kubeflow" });
        var local = Services([]);

        var invalid = Assert.Throws<OptionsValidationException>(() => kubeflow.GetRequiredService<ITrainingJobs>());
        var none = Assert.Throws<InvalidOperationException>(() => local.GetRequiredService<IKubeflowPipelines>());

        Assert.Contains("Kubeflow:Image", invalid.Message);
        Assert.Contains("AiPlatform:Training:Jobs:Endpoint", none.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-kfp-").FullName;
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).AddTrainingJobs();
        return services.BuildServiceProvider();
    }
}
