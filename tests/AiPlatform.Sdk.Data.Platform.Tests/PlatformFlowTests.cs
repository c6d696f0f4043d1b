using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Testing;
using DataPlatformFlow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>
/// Issue 15's platform flow, end to end: <see cref="PlatformFlow"/>, the code of samples/DataPlatformFlow, runs against the test services'
/// S3 server (Swift's S3 API) as the object store and stateful Kestrel fakes of Label Studio and Airflow (the snapshot and the run
/// progress): stored images become tasks holding presigned URLs, with the model's pre-annotations; the export snapshot is written back
/// as a dataset with its DVC md5 and <c>.dvc</c> pointer; an Airflow run gets the dataset's path and md5 in its conf and succeeds.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class PlatformFlowTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("aip-flow-").FullName;
    private readonly LabelStudioFake _labelStudio = new();
    private readonly AirflowFake _airflow = new();
    private KestrelTestServer _studioServer = null!;
    private KestrelTestServer _airflowServer = null!;
    private S3TestBucket _bucket = null!;

    public async Task InitializeAsync()
    {
        _studioServer = await KestrelTestServer.StartAsync(_labelStudio.Map);
        _airflowServer = await KestrelTestServer.StartAsync(_airflow.Map);
        _bucket = await S3TestBucket.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _studioServer.DisposeAsync();
        await _airflowServer.DisposeAsync();
        await _bucket.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task Objects_are_labelled_exported_as_a_dataset_with_its_md5_and_handed_to_an_airflow_run()
    {
        var settings = S3TestBucket.Settings(_dataPath);
        settings["DataPlatform:LabelStudio:Endpoint"] = _studioServer.BaseAddress.AbsoluteUri;
        settings["DataPlatform:LabelStudio:ApiKey"] = "legacy-key";
        settings["DataPlatform:LabelStudio:PollInterval"] = "00:00:00.001";
        settings["DataPlatform:Airflow:Endpoint"] = _airflowServer.BaseAddress.AbsoluteUri;
        settings["DataPlatform:Airflow:Version"] = "Airflow3";
        settings["DataPlatform:Airflow:PollInterval"] = "00:00:00.001";
        await using var provider = PlatformHost.Build(settings, p => p.AddPlatformFlow());
        await _bucket.PutAsync("cats/1.jpg", new byte[1200]);
        await _bucket.PutAsync("cats/2.jpg", new byte[80]);
        var options = new PlatformFlowOptions
        {
            SourceBucket = _bucket.Name, SourcePrefix = "cats/", DatasetBucket = _bucket.Name, DatasetPrefix = "datasets/cats/", ProjectTitle = "Cats and dogs",
        };

        var result = await provider.GetRequiredService<PlatformFlow>().RunAsync(options, new SizePreAnnotator(threshold: 1000));

        var datasetKey = "datasets/cats/project-7/annotations.json";
        Assert.Equal(DagRunState.Success, result.Run.State);
        Assert.Equal([101, 102], result.TaskIds);
        Assert.Equal($"s3://{_bucket.Name}/{datasetKey}", result.DatasetPath);
        Assert.Equal(result.DatasetPath, _airflow.Conf!["dataset"]!.GetValue<string>());
        Assert.Equal(result.Md5, _airflow.Conf!["md5"]!.GetValue<string>());
        Assert.Equal(PlatformFlow.LabelConfig(["cat", "dog"]), _labelStudio.LabelConfig);

        await using var stored = await _bucket.Store.GetAsync(_bucket.Name, datasetKey);
        using var bytes = new MemoryStream();
        await stored.Content.CopyToAsync(bytes);
        Assert.Equal(_labelStudio.ExportedBytes, bytes.ToArray());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes.ToArray())), result.Md5);
        using var exported = JsonDocument.Parse(bytes.ToArray());
        Assert.Equal(
            [$"/{_bucket.Name}/cats/1.jpg:cat", $"/{_bucket.Name}/cats/2.jpg:dog"],
            exported.RootElement.EnumerateArray().Select(t =>
                new Uri(t.GetProperty("data").GetProperty("image").GetString()!).AbsolutePath + ":" +
                t.GetProperty("predictions")[0].GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString()));

        await using var pointer = await _bucket.Store.GetAsync(_bucket.Name, datasetKey + ".dvc");
        using var reader = new StreamReader(pointer.Content);
        Assert.Equal($"outs:\n- md5: {result.Md5}\n  size: {bytes.Length}\n  hash: md5\n  path: annotations.json\n", await reader.ReadToEndAsync());
    }

    /// <summary>Label Studio keeping one project's tasks and predictions; its snapshot takes two reads to complete and exports them as Label Studio's JSON.</summary>
    private sealed class LabelStudioFake
    {
        private readonly List<JsonObject> _tasks = [];
        private int _exportReads;

        public byte[] ExportedBytes { get; private set; } = [];

        public string? LabelConfig { get; private set; }

        public void Map(WebApplication app)
        {
            app.MapPost("/api/projects/", async (HttpRequest request) =>
            {
                LabelConfig = (await JsonNode.ParseAsync(request.Body))!["label_config"]!.GetValue<string>();
                return Results.Json(new { id = 7, title = "Cats and dogs", task_number = 0 }, statusCode: 201);
            });
            app.MapPost("/api/projects/7/import", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsArray();
                var ids = new List<int>();
                foreach (var item in body)
                {
                    var id = 101 + _tasks.Count;
                    _tasks.Add(new JsonObject { ["id"] = id, ["data"] = item!["data"]!.DeepClone(), ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() });
                    ids.Add(id);
                }

                return Results.Json(new { task_count = ids.Count, annotation_count = 0, predictions_count = 0, task_ids = ids }, statusCode: 201);
            });
            app.MapPost("/api/projects/7/import/predictions", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsArray();
                foreach (var prediction in body)
                {
                    var task = _tasks.Single(t => t["id"]!.GetValue<int>() == prediction!["task"]!.GetValue<int>());
                    task["predictions"]!.AsArray().Add(prediction!.DeepClone());
                }

                return Results.Json(new { created = body.Count }, statusCode: 201);
            });
            app.MapPost("/api/projects/7/exports/", () => Results.Json(Export("created"), statusCode: 201));
            app.MapGet("/api/projects/7/exports/3", () => Results.Json(Export(++_exportReads < 2 ? "in_progress" : "completed")));
            app.MapGet("/api/projects/7/exports/3/download", (string exportType) =>
            {
                ExportedBytes = JsonSerializer.SerializeToUtf8Bytes(new JsonArray([.. _tasks.Select(t => t.DeepClone())]));
                return exportType == "JSON" ? Results.Bytes(ExportedBytes, "application/json") : Results.NotFound();
            });
        }

        private static object Export(string status) => new { id = 3, status, created_at = "2025-06-01T10:05:00Z", converted_formats = Array.Empty<object>() };
    }

    /// <summary>Airflow 3 keeping the triggered run's conf; the run is queued, then running, then successful.</summary>
    private sealed class AirflowFake
    {
        private int _reads;

        public JsonObject? Conf { get; private set; }

        public void Map(WebApplication app)
        {
            app.MapPost("/api/v2/dags/train/dagRuns", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                Conf = body["conf"]!.AsObject();
                return Results.Text(Run("queued"), "application/json");
            });
            app.MapGet("/api/v2/dags/train/dagRuns/{run}", () =>
                Results.Text(Run(Interlocked.Increment(ref _reads) switch { 1 => "queued", 2 => "running", _ => "success" }), "application/json"));
        }

        private string Run(string state) =>
            $$"""{"dag_run_id":"manual__1","dag_id":"train","logical_date":null,"run_after":"2025-06-01T00:00:00Z","run_type":"manual","state":"{{state}}","conf":{{Conf?.ToJsonString() ?? "{}"}}}""";
    }
}
