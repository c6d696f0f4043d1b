using System.Net.Http.Headers;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Jobs;

namespace AiPlatform.Sdk.Training.GitLab;

/// <summary><see cref="IGitLabClient"/> over the internal Refit API on the platform's HTTP pipeline.</summary>
internal sealed class GitLabClient(IGitLabApi api, ClientInstrumentation instrumentation) : IGitLabClient, IReadinessProbe
{
    private const string Service = "gitlab";

    public Task ProbeAsync(CancellationToken cancellationToken) => CallAsync("GetVersion", null, async ct =>
    {
        using var response = await api.GetVersionAsync(ct).ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(response, Service, "GetVersion", ct).ConfigureAwait(false);
        return true;
    }, cancellationToken);

    public Task<Stream> OpenFileAsync(string project, string filePath, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return CallAsync("GetRawFile", $"file '{filePath}' at '{reference}' of project '{project}'", ct => api.GetRawFileAsync(project, filePath.TrimStart('/'), reference, ct), cancellationToken);
    }

    public async Task<string?> TryReadFileTextAsync(string project, string filePath, string reference, CancellationToken cancellationToken = default)
    {
        try
        {
            using var reader = new StreamReader(await OpenFileAsync(project, filePath, reference, cancellationToken).ConfigureAwait(false));
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AiPlatformNotFoundException)
        {
            return null;
        }
    }

    public Task UploadPackageFileAsync(
        string project, string packageName, string packageVersion, string fileName, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidatePackage(project, packageName, packageVersion, fileName);
        ArgumentNullException.ThrowIfNull(content);
        return CallAsync("UploadPackageFile", null, async ct =>
        {
            using var body = new StreamContent(new ProgressStream(content, progress));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await api.UploadPackageFileAsync(project, packageName, packageVersion, fileName, body, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task DownloadPackageFileAsync(
        string project, string packageName, string packageVersion, string fileName, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidatePackage(project, packageName, packageVersion, fileName);
        ArgumentNullException.ThrowIfNull(destination);
        return CallAsync("DownloadPackageFile", $"file '{fileName}' of package {packageName} {packageVersion} in project '{project}'", async ct =>
        {
            var stream = await api.DownloadPackageFileAsync(project, packageName, packageVersion, fileName, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await new ProgressStream(stream, progress).CopyToAsync(destination, ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    private static void ValidatePackage(string project, string packageName, string packageVersion, string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(packageName);
        ArgumentException.ThrowIfNullOrWhiteSpace(packageVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A generic package file name has no folders: '{fileName}'.", nameof(fileName));
        }
    }

    private Task<T> CallAsync<T>(string operation, string? resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => JobErrors.Map(e, Service, operation, resource), cancellationToken: cancellationToken);
}
