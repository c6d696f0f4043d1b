using System.Text.Json.Nodes;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>
/// Label Studio's REST API: projects with a labeling configuration, tasks imported as a JSON array, model predictions as
/// pre-annotations, and exports, synchronous for small projects or as snapshots (create, wait, download) in JSON, COCO, YOLO, CSV.
/// Authenticates with a legacy token (<c>Token &lt;key&gt;</c>) or a personal access token exchanged for short-lived bearer tokens.
/// Failures are <see cref="AiPlatformException"/> subclasses: <see cref="AiPlatformNotFoundException"/> naming the project or export,
/// <see cref="AiPlatformUnauthorizedException"/>, <see cref="AiPlatformForbiddenException"/>, <see cref="AiPlatformValidationException"/>.
/// </summary>
public interface ILabelStudioClient
{
    /// <summary>Creates a project.</summary>
    /// <param name="title">The title (3 to 50 characters).</param>
    /// <param name="labelConfig">The labeling configuration (Label Studio's XML).</param>
    /// <param name="description">An optional description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created project.</returns>
    Task<LabelStudioProject> CreateProjectAsync(string title, string labelConfig, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a project.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The project with its task and annotation counts.</returns>
    Task<LabelStudioProject> GetProjectAsync(int projectId, CancellationToken cancellationToken = default);

    /// <summary>Lists the projects the key can see, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The projects.</returns>
    IAsyncEnumerable<LabelStudioProject> ListProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports tasks in one request (Label Studio takes up to 250,000 tasks or 200 MB per request). Each item is a task's <c>data</c>
    /// and must hold every variable the labeling configuration uses, such as <c>{"image": "https://..."}</c> for <c>$image</c>.
    /// </summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="tasks">The tasks' data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count and the ids of the created tasks.</returns>
    Task<LabelStudioImportResult> ImportTasksAsync(int projectId, IEnumerable<JsonObject> tasks, CancellationToken cancellationToken = default);

    /// <summary>Creates one prediction (a pre-annotation shown to annotators) for a task.</summary>
    /// <param name="prediction">The task, the predicted regions, the model version and score.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored prediction.</returns>
    Task<LabelStudioPrediction> CreatePredictionAsync(LabelStudioPredictionRequest prediction, CancellationToken cancellationToken = default);

    /// <summary>Imports many predictions for a project's tasks in one request.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="predictions">The predictions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many predictions were created.</returns>
    Task<int> ImportPredictionsAsync(int projectId, IEnumerable<LabelStudioPredictionRequest> predictions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports a project synchronously (the server writes the whole file while the request waits: for small projects; use
    /// <see cref="ExportSnapshotAsync"/> for large ones). Dispose the returned stream.
    /// </summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="format">The format; <see cref="LabelStudioExportFormat.Json"/> when <see langword="null"/>.</param>
    /// <param name="allTasks"><see langword="true"/> to include tasks without annotations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The export file's content.</returns>
    Task<Stream> ExportAsync(int projectId, LabelStudioExportFormat? format = null, bool allTasks = false, CancellationToken cancellationToken = default);

    /// <summary>Starts an export snapshot: Label Studio writes it in the background as JSON.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="title">An optional title.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot, usually <c>created</c>.</returns>
    Task<LabelStudioExport> CreateExportAsync(int projectId, string? title = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an export snapshot's status and conversions.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="exportId">The snapshot's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    Task<LabelStudioExport> GetExportAsync(int projectId, int exportId, CancellationToken cancellationToken = default);

    /// <summary>Starts converting a completed snapshot to another format, such as COCO or YOLO; its status is among the snapshot's <c>ConvertedFormats</c>.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="exportId">The snapshot's id.</param>
    /// <param name="format">The target format.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the conversion was accepted.</returns>
    Task ConvertExportAsync(int projectId, int exportId, LabelStudioExportFormat format, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the snapshot every <paramref name="pollInterval"/> (default <c>PollInterval</c> of the settings) until it, and its conversion to
    /// <paramref name="format"/> when that is not JSON, completed, reporting each read to <paramref name="progress"/>. A failed snapshot or
    /// conversion is an <see cref="AiPlatformException"/> with <c>ErrorCode = "ExportFailed"</c> and the server's traceback. Cancelling
    /// stops the polling with <see cref="OperationCanceledException"/>; the export goes on in Label Studio.
    /// </summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="exportId">The snapshot's id.</param>
    /// <param name="format">The format whose conversion to wait for; JSON (the snapshot itself) when <see langword="null"/>.</param>
    /// <param name="progress">Receives each state read.</param>
    /// <param name="pollInterval">The time between reads.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <returns>The completed snapshot.</returns>
    Task<LabelStudioExport> WaitForExportAsync(
        int projectId, int exportId, LabelStudioExportFormat? format = null, IProgress<LabelStudioExport>? progress = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a completed snapshot in a format it was converted to (or JSON). Dispose the returned stream.</summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="exportId">The snapshot's id.</param>
    /// <param name="format">The format; JSON when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file's content.</returns>
    Task<Stream> DownloadExportAsync(int projectId, int exportId, LabelStudioExportFormat? format = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports a project of any size: creates a snapshot, waits for it, converts it when <paramref name="format"/> is not JSON and
    /// waits for that, then downloads it. Dispose the returned stream.
    /// </summary>
    /// <param name="projectId">The project's id.</param>
    /// <param name="format">The format.</param>
    /// <param name="progress">Receives each state read while waiting.</param>
    /// <param name="cancellationToken">Cancels the export's steps (not the export in Label Studio).</param>
    /// <returns>The file's content.</returns>
    Task<Stream> ExportSnapshotAsync(int projectId, LabelStudioExportFormat format, IProgress<LabelStudioExport>? progress = null, CancellationToken cancellationToken = default);
}
