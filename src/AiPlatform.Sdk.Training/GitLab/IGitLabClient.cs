namespace AiPlatform.Sdk.Training.GitLab;

/// <summary>
/// The GitLab REST API (v4) parts training needs: a repository file at a ref (so a dataset's <c>.dvc</c> files resolve straight from
/// the repository, see <see cref="Datasets.IDvcDatasets.ResolveAsync(Func{string, CancellationToken, Task{string?}}, string, string?, CancellationToken)"/>),
/// and generic packages for model bundles. Projects are numeric ids or full paths (<c>group/subgroup/project</c>), encoded as GitLab
/// requires. Unknown projects, refs, files or packages throw <see cref="AiPlatformNotFoundException"/>; a token without the scope
/// <see cref="AiPlatformForbiddenException"/> or <see cref="AiPlatformUnauthorizedException"/>.
/// </summary>
public interface IGitLabClient
{
    /// <summary>Opens a repository file's raw content at a branch, tag or commit.</summary>
    /// <param name="project">The project id or full path.</param>
    /// <param name="filePath">The file's path in the repository, such as <c>data/images.dvc</c>.</param>
    /// <param name="reference">The branch, tag or commit.</param>
    /// <param name="cancellationToken">Cancels the call and the read.</param>
    /// <returns>The file's bytes, streamed; dispose it.</returns>
    Task<Stream> OpenFileAsync(string project, string filePath, string reference, CancellationToken cancellationToken = default);

    /// <summary>Reads a repository file as UTF-8 text, or <see langword="null"/> when the file does not exist at that ref.</summary>
    /// <param name="project">The project id or full path.</param>
    /// <param name="filePath">The file's path in the repository.</param>
    /// <param name="reference">The branch, tag or commit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    Task<string?> TryReadFileTextAsync(string project, string filePath, string reference, CancellationToken cancellationToken = default);

    /// <summary>Uploads a file into a generic package (created if new), streamed.</summary>
    /// <param name="project">The project id or full path.</param>
    /// <param name="packageName">The package, such as <c>churn-model</c>.</param>
    /// <param name="packageVersion">Its version, such as <c>1.4.0</c>.</param>
    /// <param name="fileName">The file's name in the package, such as <c>model.onnx</c>.</param>
    /// <param name="content">The file.</param>
    /// <param name="progress">Receives the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>A task that completes when GitLab has stored the file.</returns>
    Task UploadPackageFileAsync(
        string project, string packageName, string packageVersion, string fileName, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a file of a generic package into <paramref name="destination"/>, streamed.</summary>
    /// <param name="project">The project id or full path.</param>
    /// <param name="packageName">The package.</param>
    /// <param name="packageVersion">Its version.</param>
    /// <param name="fileName">The file's name in the package.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="progress">Receives the bytes received so far.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>A task that completes when every byte is written.</returns>
    Task DownloadPackageFileAsync(
        string project, string packageName, string packageVersion, string fileName, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
