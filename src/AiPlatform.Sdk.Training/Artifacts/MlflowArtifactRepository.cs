using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>
/// Artifacts of an MLflow server's runs: through its artifact proxy (MLflow run with <c>--serve-artifacts</c>, or the platform's server)
/// for runs whose artifact URI is <c>mlflow-artifacts:/...</c>, or straight through the Data layer's object store for runs whose artifact
/// URI is <c>s3://bucket/...</c> (the object store does multipart uploads of large files and checks recorded checksums). Bytes are
/// streamed; an upload is not retried once its stream has been read.
/// </summary>
internal sealed class MlflowArtifactRepository(IExperimentTracker tracker, IMlflowArtifactsApi api, IObjectStore? store, ClientInstrumentation instrumentation) : IArtifactRepository
{
    private readonly ConcurrentDictionary<string, ArtifactStorage> _buckets = new(StringComparer.Ordinal);

    public Task UploadAsync(string runId, string path, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CallAsync("LogArtifact", async ct =>
        {
            ArgumentNullException.ThrowIfNull(content);
            var (s3, target) = await LocateAsync(runId, path, "LogArtifact", ct).ConfigureAwait(false);
            if (s3 is not null)
            {
                await s3.PutAsync(target, new ProgressStream(content, progress), ct).ConfigureAwait(false);
                return true;
            }

            using var body = new StreamContent(new ProgressStream(content, progress));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await api.UploadAsync(target, body, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task DownloadAsync(string runId, string path, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CallAsync("GetArtifact", async ct =>
        {
            ArgumentNullException.ThrowIfNull(destination);
            var (s3, source) = await LocateAsync(runId, path, "GetArtifact", ct).ConfigureAwait(false);
            if (s3 is not null)
            {
                await using var stored = await s3.GetAsync(source, ct).ConfigureAwait(false);
                await new ProgressStream(stored.Content, progress).CopyToAsync(destination, ct).ConfigureAwait(false);
                return true;
            }

            await using var content = await api.DownloadAsync(source, ct).ConfigureAwait(false);
            await new ProgressStream(content, progress).CopyToAsync(destination, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, string? path = null, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<ArtifactInfo>>("ListArtifacts", async ct =>
        {
            var run = await tracker.GetRunAsync(runId, ct).ConfigureAwait(false);
            var relative = ArtifactPaths.Relative(path, "ListArtifacts", allowEmpty: true);
            if (ArtifactPaths.S3(run.Info.ArtifactUri) is { } s3)
            {
                return await Bucket(s3.Bucket, runId, "ListArtifacts").ListAsync(ArtifactPaths.Join(s3.Root, relative), s3.Root, ct).ConfigureAwait(false);
            }

            var folder = ArtifactPaths.Join(ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, "ListArtifacts"), relative);
            var listed = await api.ListAsync(folder, ct).ConfigureAwait(false);
            return [.. (listed.Files ?? []).Select(f => new ArtifactInfo(ArtifactPaths.Join(relative, f.Path), f.IsDir, f.IsDir ? null : f.FileSize))];
        }, cancellationToken);

    /// <summary>Where a run's artifact lives: a key in an S3 bucket (with its storage), or a path of the proxy (storage <see langword="null"/>).</summary>
    private async Task<(ArtifactStorage? S3, string Path)> LocateAsync(string runId, string path, string operation, CancellationToken cancellationToken)
    {
        var relative = ArtifactPaths.Relative(path, operation);
        var run = await tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return ArtifactPaths.S3(run.Info.ArtifactUri) is { } s3
            ? (Bucket(s3.Bucket, runId, operation), ArtifactPaths.Join(s3.Root, relative))
            : (null, ArtifactPaths.Join(ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, operation), relative));
    }

    private ArtifactStorage Bucket(string bucket, string runId, string operation) =>
        store is null
            ? throw TrackingErrors.Invalid(operation,
                $"Run '{runId}' keeps its artifacts in the S3 bucket '{bucket}': register the Data layer's object store (AiPlatform:Data:ObjectStore) with access to it.")
            : _buckets.GetOrAdd(bucket, b => new ArtifactStorage(store, b, createBucket: false));

    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => TrackingErrors.FromServer(e, operation), cancellationToken: cancellationToken);
}
