namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>
/// Datasets versioned with DVC, read and written through the Data layer's object store without DVC installed: resolve a version
/// from a repository's <c>.dvc</c> files or <c>dvc.lock</c> and <c>.dvc/config</c>, pull it with md5 verification, progress and
/// resume, or push files produced in .NET into DVC's cache layout and write the <c>.dvc</c> file that <c>dvc pull</c> reads.
/// </summary>
public interface IDvcDatasets
{
    /// <summary>Resolves the version of <paramref name="path"/> pinned in a DVC repository checkout.</summary>
    /// <param name="repositoryFolder">The repository's folder (holding <c>.dvc/config</c>).</param>
    /// <param name="path">The output's path relative to that folder, such as <c>data/images</c>; its <c>{path}.dvc</c> is read, else
    /// the <c>dvc.lock</c> beside it.</param>
    /// <param name="remote">The remote to use; default: the configured default remote (<c>core.remote</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset version.</returns>
    /// <exception cref="AiPlatformNotFoundException">No <c>.dvc</c> file or <c>dvc.lock</c> output declares the path, or the remote is not configured.</exception>
    /// <exception cref="AiPlatformValidationException">A DVC file is malformed (the message names it).</exception>
    Task<DvcDataset> ResolveAsync(string repositoryFolder, string path, string? remote = null, CancellationToken cancellationToken = default);

    /// <summary>Resolves the version of <paramref name="path"/> from a repository read file by file, such as a GitLab project at a ref
    /// (<c>(file, ct) =&gt; gitlab.TryReadFileTextAsync("data/repo", file, "main", ct)</c>).</summary>
    /// <param name="readFile">Reads a file by its path from the repository's root (<c>.dvc/config</c>, <c>data/images.dvc</c>,
    /// <c>dvc.lock</c>); <see langword="null"/> when it does not exist.</param>
    /// <param name="path">The output's path relative to the repository's root.</param>
    /// <param name="remote">The remote to use; default: the configured default remote.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset version.</returns>
    /// <exception cref="AiPlatformNotFoundException">No <c>.dvc</c> file or <c>dvc.lock</c> output declares the path, or the remote is not configured.</exception>
    /// <exception cref="AiPlatformValidationException">A DVC file is malformed (the message names it).</exception>
    Task<DvcDataset> ResolveAsync(Func<string, CancellationToken, Task<string?>> readFile, string path, string? remote = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a dataset version: a file to <paramref name="target"/>, a directory's files below it. Files already there
    /// with the right md5 are kept; an interrupted download resumes where it stopped.</summary>
    /// <param name="dataset">The version to download.</param>
    /// <param name="target">The file or folder to write.</param>
    /// <param name="progress">Receives the bytes downloaded so far.</param>
    /// <param name="cancellationToken">Stops the download; what is downloaded stays for the next call to resume.</param>
    /// <returns>A task that completes when every file is in place and verified.</returns>
    /// <exception cref="AiPlatformException">Content on the remote does not match its md5 (<c>ErrorCode</c> <c>ChecksumMismatch</c>, the message names the file); nothing of it is left at the target.</exception>
    Task PullAsync(DvcDataset dataset, string target, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a file or folder into DVC 3's cache layout on <paramref name="remote"/> (content the remote has already is
    /// skipped) and writes <c>{source}.dvc</c> beside it.</summary>
    /// <param name="source">The file or folder.</param>
    /// <param name="remote">The remote to write to.</param>
    /// <param name="progress">Receives the bytes uploaded so far.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pushed version.</returns>
    Task<DvcDataset> PushAsync(string source, DvcRemote remote, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
