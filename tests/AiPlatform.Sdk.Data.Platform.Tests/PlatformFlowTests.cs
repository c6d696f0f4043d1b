using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.LabelStudio;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>
/// Issue 15's platform flow, end to end through the SDK's clients: images in the Data layer's object store (the embedded folder store)
/// become Label Studio tasks with the platform model's pre-annotations; an export snapshot is written back to the store as a dataset with
/// its DVC-compatible md5 and a <c>.dvc</c> pointer; an Airflow DAG run is triggered with the dataset's path in <c>conf</c> and awaited to
/// its terminal state. Label Studio and Airflow are stateful Kestrel fakes speaking their APIs (the snapshot and the run progress).
/// </summary>
[Trait("Kind", "Contract")]
public sealed class PlatformFlowTests : IAsyncLifetime
{
    private const string LabelConfig = """<View><Image name="image" value="$image"/><Choices name="animal" toName="image"><Choice value="cat"/><Choice value="dog"/></Choices></View>""";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aip-flow-" + Guid.NewGuid().ToString("N"));
    private readonly LabelStudioFake _labelStudio = new();
    private readonly AirflowFake _airflow = new();
    private KestrelTestServer _studioServer = null!;
    private KestrelTestServer _airflowServer = null!;

    public async Task InitializeAsync()
    {
        _studioServer = await KestrelTestServer.StartAsync(_labelStudio.Map);
        _airflowServer = await KestrelTestServer.StartAsync(_airflow.Map);
    }

    public async Task DisposeAsync()
    {
        await _studioServer.DisposeAsync();
        await _airflowServer.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Objects_are_labelled_exported_as_a_dataset_with_its_md5_and_handed_to_an_airflow_run()
    {
        await using var provider = PlatformHost.Build(
            new Dictionary<string, string?>
            {
                ["DataPath"] = _root,
                ["DataPlatform:LabelStudio:Endpoint"] = _studioServer.BaseAddress.AbsoluteUri,
                ["DataPlatform:LabelStudio:ApiKey"] = "legacy-key",
                ["DataPlatform:LabelStudio:PollInterval"] = "00:00:00.001",
                ["DataPlatform:Airflow:Endpoint"] = _airflowServer.BaseAddress.AbsoluteUri,
                ["DataPlatform:Airflow:Version"] = "Airflow3",
                ["DataPlatform:Airflow:PollInterval"] = "00:00:00.001",
            },
            p => p.AddData().Platform.AddDataPlatform());
        var store = provider.GetRequiredService<IObjectStore>();
        var studio = provider.GetRequiredService<ILabelStudioClient>();
        var airflow = provider.GetRequiredService<IAirflowClient>();
        await store.CreateBucketAsync("raw");
        await store.CreateBucketAsync("datasets");
        await store.PutAsync("raw", "cats/1.jpg", new MemoryStream(new byte[1200]));
        await store.PutAsync("raw", "cats/2.jpg", new MemoryStream(new byte[80]));

        // 1. The store's objects become tasks, each with the platform model's pre-annotation.
        var images = await store.ListAsync("raw", "cats/").ToListAsync();
        var project = await studio.CreateProjectAsync("Cats and dogs", LabelConfig);
        var tasks = await studio.ImportTasksAsync(project.Id, images.Select(o => new JsonObject { ["image"] = $"s3://{o.Bucket}/{o.Key}" }));
        var predicted = await studio.ImportPredictionsAsync(project.Id, tasks.TaskIds.Zip(images, (task, image) => new LabelStudioPredictionRequest
        {
            Task = task,
            Result = [Choice(Model(image))],
            ModelVersion = "size-model-1",
            Score = 0.8,
        }));

        // 2. The snapshot is written back as a dataset, hashed while it streams, with DVC's pointer beside it.
        var datasetKey = $"cats/project-{project.Id}/annotations.json";
        using var md5 = MD5.Create();
        ObjectInfo dataset;
        await using (var export = await studio.ExportSnapshotAsync(project.Id, LabelStudioExportFormat.Json))
        await using (var hashing = new CryptoStream(export, md5, CryptoStreamMode.Read))
        {
            dataset = await store.PutAsync("datasets", datasetKey, hashing, new PutObjectOptions { ContentType = "application/json" });
        }

        var hash = Convert.ToHexStringLower(md5.Hash!);
        await store.PutAsync("datasets", datasetKey + ".dvc", new MemoryStream(Encoding.UTF8.GetBytes(
            $"outs:\n- md5: {hash}\n  size: {dataset.Size.ToString(CultureInfo.InvariantCulture)}\n  hash: md5\n  path: annotations.json\n")));

        // 3. Airflow trains on it.
        var path = $"s3://datasets/{datasetKey}";
        var run = await airflow.TriggerDagRunAsync("train", new DagRunRequest { Conf = new JsonObject { ["dataset"] = path, ["md5"] = hash } });
        var done = await airflow.WaitForDagRunAsync("train", run.RunId);

        Assert.Equal(2, predicted);
        Assert.Equal(DagRunState.Success, done.State);
        Assert.Equal(path, _airflow.Conf!["dataset"]!.GetValue<string>());
        Assert.Equal(hash, _airflow.Conf!["md5"]!.GetValue<string>());

        await using var stored = await store.GetAsync("datasets", datasetKey);
        using var bytes = new MemoryStream();
        await stored.Content.CopyToAsync(bytes);
        Assert.Equal(_labelStudio.ExportedBytes, bytes.ToArray());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes.ToArray())), hash);
        using var exported = JsonDocument.Parse(bytes.ToArray());
        Assert.Equal(
            ["s3://raw/cats/1.jpg:cat", "s3://raw/cats/2.jpg:dog"],
            exported.RootElement.EnumerateArray().Select(t =>
                t.GetProperty("data").GetProperty("image").GetString() + ":" +
                t.GetProperty("predictions")[0].GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString()));

        await using var pointer = await store.GetAsync("datasets", datasetKey + ".dvc");
        using var reader = new StreamReader(pointer.Content);
        Assert.Contains($"- md5: {hash}\n  size: {bytes.Length}\n", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    // The "platform model": big images are cats. Deterministic, so the test knows what the dataset must hold.
    private static string Model(ObjectInfo image) => image.Size > 1000 ? "cat" : "dog";

    private static JsonObject Choice(string value) => new()
    {
        ["from_name"] = "animal",
        ["to_name"] = "image",
        ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(value) },
    };

    /// <summary>Label Studio keeping one project's tasks and predictions; its snapshot takes two reads to complete and exports them as Label Studio's JSON.</summary>
    private sealed class LabelStudioFake
    {
        private readonly List<JsonObject> _tasks = [];
        private int _exportReads;

        public byte[] ExportedBytes { get; private set; } = [];

        public void Map(WebApplication app)
        {
            app.MapPost("/api/projects/", () => Results.Json(new { id = 7, title = "Cats and dogs", task_number = 0 }, statusCode: 201));
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
