namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>
/// A run's artifacts (model files, plots, data samples), addressed by paths relative to the run's artifact root, as MLflow's
/// <c>log_artifact</c> / <c>download_artifacts</c> see them. Content is streamed both ways, so any size works in bounded memory.
/// </summary>
public interface IArtifactRepository
{
    /// <summary>Stores <paramref name="content"/> at <paramref name="path"/> of the run's artifacts, replacing what was there.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="path">A relative path such as <c>model/model.onnx</c>; no <c>..</c> segments.</param>
    /// <param name="content">The bytes, read to the end.</param>
    /// <param name="progress">Receives the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>A task that completes when the artifact is stored.</returns>
    Task UploadAsync(string runId, string path, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Copies an artifact into <paramref name="destination"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="path">The artifact's relative path.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="progress">Receives the bytes received so far.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>A task that completes when every byte is written.</returns>
    Task DownloadAsync(string runId, string path, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the files and folders directly under <paramref name="path"/> (the artifact root when <see langword="null"/>).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="path">A folder of the run's artifacts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, with paths relative to the artifact root.</returns>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, string? path = null, CancellationToken cancellationToken = default);
}

/// <summary>An entry of a run's artifacts.</summary>
/// <param name="Path">The path relative to the run's artifact root.</param>
/// <param name="IsDirectory">Whether it is a folder.</param>
/// <param name="Size">The file's size in bytes; <see langword="null"/> for a folder.</param>
public sealed record ArtifactInfo(string Path, bool IsDirectory, long? Size);
