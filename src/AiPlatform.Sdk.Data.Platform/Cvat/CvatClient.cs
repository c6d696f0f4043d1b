using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>The <see cref="ICvatClient"/> over Refit on the platform's HTTP pipeline; downloads go through the same named HTTP client.</summary>
internal sealed class CvatClient(ICvatApi api, Func<HttpClient> http, ServiceCalls calls, CvatSettings settings, TimeProvider time) : ICvatClient
{
    internal const string Service = "cvat";

    /// <summary>The error code of a queued request that CVAT reports as failed.</summary>
    internal const string RequestFailed = "RequestFailed";

    public Task<CvatFormats> GetFormatsAsync(CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetFormats", null, api.GetFormatsAsync, cancellationToken);

    public Task<CvatTask> CreateTaskAsync(CvatTaskRequest task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(task.Name);
        return calls.RunAsync("CreateTask", task.ProjectId is { } project ? $"project {project}" : null, ct => api.CreateTaskAsync(task, ct), cancellationToken);
    }

    public Task<CvatTask> GetTaskAsync(int taskId, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetTask", Task(taskId), ct => api.GetTaskAsync(taskId, ct), cancellationToken);

    public Task<string> UploadDataAsync(
        int taskId, IEnumerable<CvatFile> files, int imageQuality = 70, IProgress<CvatUploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfNegative(imageQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(imageQuality, 100);
        List<CvatFile> media = [.. files];
        if (media.Count == 0)
        {
            throw new ArgumentException("At least one file is needed.", nameof(files));
        }

        foreach (var file in media)
        {
            ArgumentNullException.ThrowIfNull(file?.Content, nameof(files));
            ArgumentException.ThrowIfNullOrWhiteSpace(file.FileName, nameof(files));
        }

        var upload = new CvatMediaUpload(api, new CvatTusUpload(http(), calls, settings.UploadChunkSize), calls, settings.ChunkedUploadThreshold);
        return calls.RunAsync("UploadData", Task(taskId), ct => upload.UploadAsync(taskId, media, imageQuality, progress, ct), cancellationToken);
    }

    public Task<string> ImportAnnotationsAsync(int taskId, CvatDatasetFormat format, CvatFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(format.Value, nameof(format));
        return Enqueue("ImportAnnotations", Task(taskId), ct =>
        {
            var form = MultipartFiles.Create([("annotation_file", file.Content, file.FileName, "application/octet-stream")]);
            return (form, api.ImportAnnotationsAsync(taskId, format.Value, form, ct));
        }, cancellationToken);
    }

    public Task<string> StartDatasetExportAsync(int taskId, CvatDatasetFormat format, bool saveImages = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format.Value, nameof(format));
        return Enqueue("StartDatasetExport", Task(taskId), ct => (null, api.ExportDatasetAsync(taskId, format.Value, saveImages ? "true" : "false", ct)), cancellationToken);
    }

    public Task<CvatRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return calls.RunAsync("GetRequest", Request(requestId), async ct =>
        {
            var wire = await api.GetRequestAsync(requestId, ct).ConfigureAwait(false);
            return wire.Status is { } status
                ? new CvatRequest
                {
                    Id = wire.Id ?? requestId,
                    Status = status,
                    Message = wire.Message,
                    Progress = wire.Progress,
                    ResultUrl = Uri.TryCreate(wire.ResultUrl, UriKind.RelativeOrAbsolute, out var url) ? url : null,
                }
                : throw calls.Malformed("GetRequest", "no status");
        }, cancellationToken);
    }

    public async Task<CvatRequest> WaitForRequestAsync(
        string requestId, IProgress<CvatRequest>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var request = await Polling.UntilAsync(ct => GetRequestAsync(requestId, ct), r => r.Status.IsTerminal,
            progress, pollInterval ?? settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        if (request.Status == CvatRequestStatus.Failed)
        {
            throw new AiPlatformException(Service, "WaitForRequest",
                $"{Service} WaitForRequest: {Request(requestId)} failed" + (request.Message is { Length: > 0 } m ? $": {m}" : string.Empty),
                errorCode: RequestFailed, serverMessage: request.Message);
        }

        return request;
    }

    public Task<Stream> DownloadResultAsync(CvatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResultUrl is not { } url)
        {
            throw new ArgumentException($"{Request(request.Id)} has no result URL; wait for it to finish first.", nameof(request));
        }

        return calls.RunAsync("DownloadResult", Request(request.Id), async ct =>
        {
            // Any media type: the file is a zip or the format's own type, not CVAT's JSON.
            using var download = new HttpRequestMessage(HttpMethod.Get, CvatLocation.OnEndpoint(url));
            download.Headers.Accept.ParseAdd("*/*");
            var response = await http().SendAsync(download, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            try
            {
                await AiPlatformErrors.EnsureSuccessAsync(response, Service, "DownloadResult", ct).ConfigureAwait(false);
                return await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    public async Task<Stream> ExportDatasetAsync(
        int taskId, CvatDatasetFormat format, bool saveImages = false, IProgress<CvatRequest>? progress = null, CancellationToken cancellationToken = default)
    {
        var requestId = await StartDatasetExportAsync(taskId, format, saveImages, cancellationToken).ConfigureAwait(false);
        var finished = await WaitForRequestAsync(requestId, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await DownloadResultAsync(finished, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cheap authenticated read: the server's formats.</summary>
    internal Task ProbeAsync(CancellationToken cancellationToken) => GetFormatsAsync(cancellationToken);

    // A call that puts work in CVAT's queue and answers its rq_id; the form (if any) is disposed when the call ends.
    private Task<string> Enqueue(
        string operation, string resource, Func<CancellationToken, (IDisposable? Body, Task<RqIdWire> Call)> call, CancellationToken cancellationToken) =>
        calls.RunAsync(operation, resource, async ct =>
        {
            var (body, pending) = call(ct);
            using (body)
            {
                return (await pending.ConfigureAwait(false)).RqId is { Length: > 0 } id ? id : throw calls.Malformed(operation, "no rq_id");
            }
        }, cancellationToken);

    private static string Task(int taskId) => $"task {taskId}";

    private static string Request(string requestId) => $"request '{requestId}'";
}
