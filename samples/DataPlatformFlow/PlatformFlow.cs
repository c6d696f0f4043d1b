using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.LabelStudio;

namespace DataPlatformFlow;

/// <summary>
/// Issue 15's platform flow through the SDK's clients: the media in the object store become Label Studio tasks (presigned URLs) with
/// the platform model's pre-annotations; an export snapshot is streamed back into the store as a dataset, hashed on the way with DVC's
/// md5, with a <c>.dvc</c> pointer beside it; an Airflow DAG run is triggered with the dataset's path and md5 in its conf and awaited.
/// </summary>
public sealed class PlatformFlow(IObjectStore store, ILabelStudioClient studio, IAirflowClient airflow)
{
    /// <summary>Runs the flow once.</summary>
    /// <param name="options">What to label and where the dataset goes.</param>
    /// <param name="model">The model whose predictions are the pre-annotations.</param>
    /// <param name="runProgress">Receives each state of the Airflow run.</param>
    /// <param name="cancellationToken">Cancels the flow (not what Label Studio or Airflow already started).</param>
    /// <returns>The project, the dataset and the run's final state.</returns>
    public async Task<PlatformFlowResult> RunAsync(
        PlatformFlowOptions options, IPreAnnotator model, IProgress<DagRun>? runProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);

        // 1. The stored media become tasks, each with the model's pre-annotation.
        var media = await store.ListAsync(options.SourceBucket, options.SourcePrefix, cancellationToken).Take(options.MaxObjects).ToListAsync(cancellationToken);
        var project = await studio.CreateProjectAsync(options.ProjectTitle, LabelConfig(options.Labels), cancellationToken: cancellationToken);
        var tasks = await studio.ImportObjectsAsync(project.Id, store, media, "image", options.UrlExpiry, cancellationToken);
        var predictions = new List<LabelStudioPredictionRequest>();
        foreach (var (task, item) in tasks.TaskIds.Zip(media))
        {
            var (label, score) = await model.PredictAsync(item, options.Labels, cancellationToken);
            predictions.Add(new LabelStudioPredictionRequest { Task = task, Result = [Choice(label)], ModelVersion = model.ModelVersion, Score = score });
        }

        await studio.ImportPredictionsAsync(project.Id, predictions, cancellationToken);

        // 2. The snapshot goes back into the store as a dataset, hashed while it streams (never held in memory), with DVC's pointer.
        var key = $"{options.DatasetPrefix}project-{project.Id.ToString(CultureInfo.InvariantCulture)}/annotations.json";
        using var md5 = MD5.Create();
        ObjectInfo dataset;
        await using (var export = await studio.ExportSnapshotAsync(project.Id, LabelStudioExportFormat.Json, cancellationToken: cancellationToken))
        await using (var hashing = new CryptoStream(export, md5, CryptoStreamMode.Read))
        {
            dataset = await store.PutAsync(options.DatasetBucket, key, hashing, new PutObjectOptions { ContentType = "application/json" }, cancellationToken);
        }

        var hash = Convert.ToHexStringLower(md5.Hash!);
        await store.PutAsync(options.DatasetBucket, key + ".dvc", new MemoryStream(Encoding.UTF8.GetBytes(DvcPointer(hash, dataset.Size))), cancellationToken: cancellationToken);

        // 3. Airflow trains on it.
        var path = $"s3://{options.DatasetBucket}/{key}";
        var run = await airflow.TriggerDagRunAsync(options.DagId, new DagRunRequest { Conf = new JsonObject { ["dataset"] = path, ["md5"] = hash } }, cancellationToken);
        var done = await airflow.WaitForDagRunAsync(options.DagId, run.RunId, runProgress, cancellationToken: cancellationToken);
        return new PlatformFlowResult(project.Id, tasks.TaskIds, dataset, hash, path, done);
    }

    /// <summary>An image with one choice among the labels, the configuration the flow's tasks and predictions fit.</summary>
    public static string LabelConfig(IEnumerable<string> labels) =>
        $"""<View><Image name="image" value="$image"/><Choices name="label" toName="image">{string.Concat(labels.Select(l => $"""<Choice value="{SecurityElement.Escape(l)}"/>"""))}</Choices></View>""";

    // The .dvc file DVC 3 writes for one file out (hash: md5 marks the md5 of the file's bytes).
    private static string DvcPointer(string md5, long size) =>
        $"outs:\n- md5: {md5}\n  size: {size.ToString(CultureInfo.InvariantCulture)}\n  hash: md5\n  path: annotations.json\n";

    private static JsonObject Choice(string label) => new()
    {
        ["from_name"] = "label",
        ["to_name"] = "image",
        ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
    };
}

/// <summary>What one run of the flow produced.</summary>
/// <param name="ProjectId">The Label Studio project.</param>
/// <param name="TaskIds">Its tasks, one per stored object, in listing order.</param>
/// <param name="Dataset">The dataset written to the store.</param>
/// <param name="Md5">The dataset's md5 (lower-case hex), as DVC records it.</param>
/// <param name="DatasetPath">The dataset's <c>s3://</c> path handed to Airflow.</param>
/// <param name="Run">The Airflow run in its terminal state.</param>
public sealed record PlatformFlowResult(int ProjectId, IReadOnlyList<int> TaskIds, ObjectInfo Dataset, string Md5, string DatasetPath, DagRun Run);
