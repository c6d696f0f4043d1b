using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Identity;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.AI;

namespace AnalyzerShowcase;

/// <summary>Platform mistakes, one per rule; the comment on each line names the diagnostic the build reports there.</summary>
public sealed class Showcase
{
    public static IdentitySettings Configure(IdentitySettings settings)
    {
        settings.ClientSecret = "s3cr3t";                                                        // AIP1001
        return settings;
    }

    public static long SizeOf(IObjectStore store, string key) =>
        store.StatAsync("raw", key).Result.Length;                                              // AIP1006

    public static async Task CleanAsync(IObjectStore store, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await store.BucketExistsAsync("raw");                                                   // AIP1007
        foreach (var key in keys)
        {
            await store.DeleteAsync("raw", key, cancellationToken);                             // AIP2002
        }
    }

    public static HttpClient InferenceHttpClient(InferenceClientSettings settings) =>
        new HttpClient { BaseAddress = settings.Endpoint };                                     // AIP1009

    public static async Task DownloadAsync(IObjectStore store, Stream target)
    {
        var content = await store.GetAsync("raw", "train.csv");                                // AIP1010
        await content.Content.CopyToAsync(target);
    }

    public static async Task<List<ObjectInfo>> InventoryAsync(IObjectStore store) =>
        await store.ListAsync("raw").ToListAsync();                                             // AIP2004

    public static async Task<List<float[]>> EmbedAsync(IEmbeddingGenerator<string, float[]> generator, IEnumerable<string> texts)
    {
        var vectors = new List<float[]>();
        foreach (var text in texts)
        {
            vectors.Add(await generator.GenerateVectorAsync(text));                             // AIP2001
        }

        return vectors;
    }

    public static async Task TrainAsync(IExperimentTracker tracker, IReadOnlyList<double> losses)
    {
        var run = await tracker.StartRunAsync("churn", "baseline");                            // AIP1008
        for (var step = 0; step < losses.Count; step++)
        {
            await tracker.LogBatchAsync(run.RunId, [new Metric("loss", losses[step], DateTimeOffset.UtcNow, step)]);   // AIP2003
        }
    }
}
