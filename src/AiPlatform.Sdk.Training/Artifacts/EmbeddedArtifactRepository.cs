using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>Artifacts of runs in the embedded store, kept by <see cref="ArtifactStorage"/>.</summary>
internal sealed class EmbeddedArtifactRepository(IExperimentTracker tracker, ArtifactStorage storage, ClientInstrumentation instrumentation) : IArtifactRepository
{
    public Task UploadAsync(string runId, string path, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("LogArtifact", async _ =>
        {
            ArgumentNullException.ThrowIfNull(content);
            var target = await PathAsync(runId, path, "LogArtifact", cancellationToken).ConfigureAwait(false);
            await storage.PutAsync(target, new ProgressStream(content, progress), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken: cancellationToken);

    public Task DownloadAsync(string runId, string path, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("GetArtifact", async _ =>
        {
            ArgumentNullException.ThrowIfNull(destination);
            var source = await PathAsync(runId, path, "GetArtifact", cancellationToken).ConfigureAwait(false);
            await using var content = await storage.GetAsync(source, cancellationToken).ConfigureAwait(false);
            await new ProgressStream(content.Content, progress).CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, string? path = null, CancellationToken cancellationToken = default) =>
        instrumentation.RunAsync("ListArtifacts", async _ =>
        {
            var run = await tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            var root = ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, "ListArtifacts");
            var folder = ArtifactPaths.Join(root, ArtifactPaths.Relative(path, "ListArtifacts", allowEmpty: true));
            return await storage.ListAsync(folder, root, cancellationToken).ConfigureAwait(false);
        }, cancellationToken: cancellationToken);

    private async Task<string> PathAsync(string runId, string path, string operation, CancellationToken cancellationToken)
    {
        var relative = ArtifactPaths.Relative(path, operation);
        var run = await tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return ArtifactPaths.Join(ArtifactPaths.RootOf(run.Info.ArtifactUri, runId, operation), relative);
    }
}
