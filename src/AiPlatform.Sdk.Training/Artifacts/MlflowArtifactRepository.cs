using System.Net.Http.Headers;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>
/// Artifacts through an MLflow server's artifact proxy (MLflow run with <c>--serve-artifacts</c>, or the platform's server): runs whose
/// artifact URI is <c>mlflow-artifacts:/...</c>. Bytes are streamed; an upload is not retried once its stream has been read.
/// </summary>
internal sealed class MlflowArtifactRepository(IExperimentTracker tracker, IMlflowArtifactsApi api, ClientInstrumentation instrumentation) : IArtifactRepository
{
    public Task UploadAsync(string runId, string path, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CallAsync("LogArtifact", async ct =>
        {
            ArgumentNullException.ThrowIfNull(content);
            var target = await PathAsync(runId, path, "LogArtifact", ct).ConfigureAwait(false);
            using var body = new StreamContent(new ProgressStream(content, progress));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await api.UploadAsync(target, body, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task DownloadAsync(string runId, string path, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CallAsync("GetArtifact", async ct =>
        {
            ArgumentNullException.ThrowIfNull(destination);
            var source = await PathAsync(runId, path, "GetArtifact", ct).ConfigureAwait(false);
            await using var content = await api.DownloadAsync(source, ct).ConfigureAwait(false);
            await new ProgressStream(content, progress).CopyToAsync(destination, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, string? path = null, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<ArtifactInfo>>("ListArtifacts", async ct =>
        {
            var run = await tracker.GetRunAsync(runId, ct).ConfigureAwait(false);
            var relative = ArtifactPaths.Relative(path, "ListArtifacts", allowEmpty: true);
            var folder = ArtifactPaths.Join(ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, "ListArtifacts"), relative);
            var listed = await api.ListAsync(folder, ct).ConfigureAwait(false);
            return [.. (listed.Files ?? []).Select(f => new ArtifactInfo(ArtifactPaths.Join(relative, f.Path), f.IsDir, f.IsDir ? null : f.FileSize))];
        }, cancellationToken);

    private async Task<string> PathAsync(string runId, string path, string operation, CancellationToken cancellationToken)
    {
        var relative = ArtifactPaths.Relative(path, operation);
        var run = await tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return ArtifactPaths.Join(ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, operation), relative);
    }

    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => TrackingErrors.FromServer(e, operation), cancellationToken: cancellationToken);
}
