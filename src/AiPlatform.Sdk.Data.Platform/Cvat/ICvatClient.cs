namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// CVAT's REST API: server formats, tasks created and given their media (a streamed multipart upload), annotations imported, datasets
/// exported in a named format through CVAT's request queue (post, poll <c>/api/requests/{rq_id}</c>, download <c>result_url</c>).
/// Authenticates with an API token (<c>Token</c>) or Basic credentials and sends the organization as <c>X-Organization</c>.
/// Failures are <see cref="AiPlatformException"/> subclasses: <see cref="AiPlatformNotFoundException"/> naming the task or request,
/// <see cref="AiPlatformUnauthorizedException"/>, <see cref="AiPlatformForbiddenException"/>, <see cref="AiPlatformValidationException"/>,
/// <see cref="AiPlatformConflictException"/> (an export already running), and <c>ErrorCode</c> <c>RequestFailed</c> or <c>MalformedResponse</c>.
/// </summary>
public interface ICvatClient
{
    /// <summary>Lists the formats the server imports and exports (<c>GET /api/server/annotation/formats</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The importers and exporters.</returns>
    Task<CvatFormats> GetFormatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a task (<c>POST /api/tasks</c>), without data yet.</summary>
    /// <param name="task">Its name and its labels or project.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created task.</returns>
    Task<CvatTask> CreateTaskAsync(CvatTaskRequest task, CancellationToken cancellationToken = default);

    /// <summary>Reads a task (<c>GET /api/tasks/{id}</c>).</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task.</returns>
    Task<CvatTask> GetTaskAsync(int taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches media to a task (<c>POST /api/tasks/{id}/data/</c>), each file streamed from its source. Up to
    /// <c>ChunkedUploadThreshold</c> bytes in all, one multipart request (parts <c>client_files[0]</c>...); above it, or with a stream of
    /// unknown length, CVAT's upload session: <c>Upload-Start</c>, the smaller files in <c>Upload-Multiple</c> requests of at most the
    /// threshold, each larger file with tus in <c>UploadChunkSize</c> chunks (resumed from the server's offset after a refused or lost
    /// chunk), then <c>Upload-Finish</c>. Memory stays bounded by one chunk whatever the size. CVAT then builds the task's chunks in its
    /// queue: await the returned request with <see cref="WaitForRequestAsync"/>. The requests are not retried (a stream is read once);
    /// a tus upload that makes no progress through three resumes throws <see cref="AiPlatformException"/> with <c>ErrorCode</c>
    /// <c>UploadStalled</c>.
    /// </summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="files">The images, videos or archives; a large one should be a seekable stream (a file), whose length is known.</param>
    /// <param name="imageQuality">The quality (0-100) of the compressed chunks CVAT makes. Default 70.</param>
    /// <param name="progress">Receives the bytes confirmed after each request or tus chunk.</param>
    /// <param name="cancellationToken">Cancels the upload; what was sent stays on the server until the task is deleted.</param>
    /// <returns>The request id of the data processing.</returns>
    Task<string> UploadDataAsync(
        int taskId, IEnumerable<CvatFile> files, int imageQuality = 70, IProgress<CvatUploadProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Imports an annotation file in a format CVAT reads (<c>POST /api/tasks/{id}/annotations/?format=</c>, part <c>annotation_file</c>).</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="format">The file's format, such as <see cref="CvatDatasetFormat.Coco"/>.</param>
    /// <param name="file">The annotation file, streamed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request id of the import, for <see cref="WaitForRequestAsync"/>.</returns>
    Task<string> ImportAnnotationsAsync(int taskId, CvatDatasetFormat format, CvatFile file, CancellationToken cancellationToken = default);

    /// <summary>Starts exporting a task as a dataset (<c>POST /api/tasks/{id}/dataset/export?format=&amp;save_images=</c>).</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="format">The format, such as <see cref="CvatDatasetFormat.Yolo"/>.</param>
    /// <param name="saveImages">Include the images, not only the annotations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request id of the export.</returns>
    Task<string> StartDatasetExportAsync(int taskId, CvatDatasetFormat format, bool saveImages = false, CancellationToken cancellationToken = default);

    /// <summary>Reads a queued request (<c>GET /api/requests/{rq_id}</c>).</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its status, progress, message and result URL.</returns>
    Task<CvatRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a queued request until it finishes. A failed request throws <see cref="AiPlatformException"/> with <c>ErrorCode</c>
    /// <c>RequestFailed</c> and CVAT's message; cancelling stops the polling (the request goes on in CVAT).
    /// </summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="progress">Receives every read.</param>
    /// <param name="pollInterval">How often to read; <see langword="null"/> uses the settings' <c>PollInterval</c>.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <returns>The finished request.</returns>
    Task<CvatRequest> WaitForRequestAsync(
        string requestId, IProgress<CvatRequest>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a finished export's file. The <c>result_url</c>'s path and query are sent to the configured endpoint (never to another
    /// host, which CVAT behind a proxy may name), with the client's credentials; the body is streamed.
    /// </summary>
    /// <param name="request">A finished request with a result URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file's bytes; dispose it.</returns>
    Task<Stream> DownloadResultAsync(CvatRequest request, CancellationToken cancellationToken = default);

    /// <summary>Exports a task as a dataset in one call: starts the export, waits for it, opens the file.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="format">The format, such as <see cref="CvatDatasetFormat.Coco"/>.</param>
    /// <param name="saveImages">Include the images.</param>
    /// <param name="progress">Receives every read of the request.</param>
    /// <param name="cancellationToken">Cancels the export's waiting and download.</param>
    /// <returns>The dataset file (a zip); dispose it.</returns>
    Task<Stream> ExportDatasetAsync(
        int taskId, CvatDatasetFormat format, bool saveImages = false, IProgress<CvatRequest>? progress = null, CancellationToken cancellationToken = default);
}
