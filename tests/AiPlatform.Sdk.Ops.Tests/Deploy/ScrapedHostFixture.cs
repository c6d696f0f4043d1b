using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Testing.Onnx;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>
/// The reference host as a real process (with a model in its repository), a real Prometheus scraping its <c>/metrics</c> as job
/// <c>aiplatform</c>, and traffic through every part the dashboards show: embeddings, a collection's ingest (one document that fails)
/// and search, inference, health.
/// </summary>
public sealed class ScrapedHostFixture : IAsyncLifetime
{
    public const string Job = "aiplatform";
    public const string Model = "identity_fp32";
    public const string Collection = "ops-docs";

    private readonly string _models = Directory.CreateTempSubdirectory("aiplatform-models-").FullName;

    public ReferenceHostProcess Host { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        OnnxTestModels.WriteToRepository(_models, Model, OnnxTestModels.Identity(1, -1));
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Server:Inference:ModelRepository"] = _models,
        });
        Prometheus = await PrometheusServer.StartAsync(Job, Host.BaseAddress);
        await DriveTrafficAsync();
        // Rates need two scrapes of a series after it first appears: wait for the rates the dashboards draw, not only the series.
        foreach (var query in new[]
        {
            $"rate(aiplatform_inference_duration_seconds_count{{aiplatform_model=\"{Model}\"}}[1m])",
            "rate(aiplatform_embeddings_batch_texts_count[1m])",
            "rate(aiplatform_operation_errors_total[1m])",
            "rate(http_server_request_duration_seconds_count{http_route=\"/v1/collections/{name}/search\"}[1m])",
            $"aiplatform_vector_index_vectors{{aiplatform_index=\"{Collection}\"}}",
            "aiplatform_health_status",
        })
        {
            await Prometheus.WaitUntilAsync(async () => (await Prometheus.QueryAsync(query)).GetArrayLength() > 0, $"Prometheus to answer {query}");
        }
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Host.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    private async Task DriveTrafficAsync()
    {
        var client = Host.Client;
        (await client.PostAsJsonAsync("v1/embeddings", new { input = new[] { "observability", "dashboards as code" }, model = "all-MiniLM-L6-v2" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("v1/collections", new { name = Collection })).EnsureSuccessStatusCode();
        var documents = new object[]
        {
            new { id = "runbook", text = "When readiness fails, the pod's /health/ready names the backend that is down." },
            new { id = "missing", bucket = "missing-bucket", objectKey = "missing.md" },
        };
        using var accepted = await client.PostAsJsonAsync($"v1/collections/{Collection}/documents", new { documents, chunkSize = 240, chunkOverlap = 0 });
        accepted.EnsureSuccessStatusCode();
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Prometheus.WaitUntilAsync(async () =>
            (await client.GetFromJsonAsync<JsonObject>($"v1/jobs/{jobId}"))!["status"]!.GetValue<string>() is "succeeded" or "failed", "the ingest job to end");
        (await client.PostAsJsonAsync($"v1/collections/{Collection}/search", new { text = "which backend is down?", top = 1 })).EnsureSuccessStatusCode();
        using var infer = new StringContent("""{"inputs":[{"name":"INPUT","shape":[2],"datatype":"FP32","data":[1.0,2.0]}]}""", System.Text.Encoding.UTF8, "application/json");
        (await client.PostAsync($"v2/models/{Model}/infer", infer)).EnsureSuccessStatusCode();
    }
}
