using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>The <see cref="ILabelStudioClient"/> over Refit on the platform's HTTP pipeline.</summary>
internal sealed class LabelStudioClient(ILabelStudioApi api, ServiceCalls calls, LabelStudioSettings settings, TimeProvider time) : ILabelStudioClient
{
    internal const string Service = "label-studio";

    /// <summary>The error code of an export snapshot or conversion that Label Studio reports as failed.</summary>
    internal const string ExportFailed = "ExportFailed";

    public Task<LabelStudioProject> CreateProjectAsync(string title, string labelConfig, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelConfig);
        return calls.RunAsync("CreateProject", null, ct => api.CreateProjectAsync(new ProjectCreate(title, labelConfig, description), ct), cancellationToken);
    }

    public Task<LabelStudioProject> GetProjectAsync(int projectId, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetProject", Project(projectId), ct => api.GetProjectAsync(projectId, ct), cancellationToken);

    // Label Studio pages by number; every page but the last is full, so the n-th item's page is n / size + 1.
    public IAsyncEnumerable<LabelStudioProject> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        OffsetPaging.ReadAsync(settings.PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<LabelStudioProject>?, int)>("ListProjects", null, async c =>
        {
            var page = await api.ListProjectsAsync((offset / settings.PageSize) + 1, settings.PageSize, c).ConfigureAwait(false);
            return (page.Results, page.Count);
        }, ct), cancellationToken);

    public Task<LabelStudioImportResult> ImportTasksAsync(int projectId, IEnumerable<JsonObject> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        List<TaskData> body = [.. tasks.Select(t => new TaskData(t ?? throw new ArgumentException("A task's data cannot be null.", nameof(tasks))))];
        return calls.RunAsync("ImportTasks", Project(projectId), ct => api.ImportTasksAsync(projectId, body, ct), cancellationToken);
    }

    public Task<LabelStudioPrediction> CreatePredictionAsync(LabelStudioPredictionRequest prediction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return calls.RunAsync("CreatePrediction", $"task {prediction.Task}", ct => api.CreatePredictionAsync(prediction, ct), cancellationToken);
    }

    public Task<int> ImportPredictionsAsync(int projectId, IEnumerable<LabelStudioPredictionRequest> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        List<LabelStudioPredictionRequest> body = [.. predictions];
        return calls.RunAsync("ImportPredictions", Project(projectId),
            async ct => (await api.ImportPredictionsAsync(projectId, body, ct).ConfigureAwait(false)).Created, cancellationToken);
    }

    public Task<Stream> ExportAsync(int projectId, LabelStudioExportFormat? format = null, bool allTasks = false, CancellationToken cancellationToken = default) =>
        calls.RunAsync("Export", Project(projectId),
            ct => api.ExportAsync(projectId, (format ?? LabelStudioExportFormat.Json).Value, allTasks ? "true" : "false", ct), cancellationToken);

    public Task<LabelStudioExport> CreateExportAsync(int projectId, string? title = null, CancellationToken cancellationToken = default) =>
        calls.RunAsync("CreateExport", Project(projectId), ct => api.CreateExportAsync(projectId, new ExportCreate(title), ct), cancellationToken);

    public Task<LabelStudioExport> GetExportAsync(int projectId, int exportId, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetExport", Export(projectId, exportId), ct => api.GetExportAsync(projectId, exportId, ct), cancellationToken);

    public Task ConvertExportAsync(int projectId, int exportId, LabelStudioExportFormat format, CancellationToken cancellationToken = default) =>
        calls.RunAsync("ConvertExport", Export(projectId, exportId), ct => api.ConvertExportAsync(projectId, exportId, new ExportConvert(format), ct), cancellationToken);

    public async Task<LabelStudioExport> WaitForExportAsync(
        int projectId, int exportId, LabelStudioExportFormat? format = null, IProgress<LabelStudioExport>? progress = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var converted = format is { } f && f != LabelStudioExportFormat.Json ? f : (LabelStudioExportFormat?)null;
        var export = await Polling.UntilAsync(ct => GetExportAsync(projectId, exportId, ct), e => Status(e, converted).IsTerminal,
            progress, pollInterval ?? settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        if (Status(export, converted) == LabelStudioExportStatus.Failed)
        {
            var what = converted is null ? Export(projectId, exportId) : $"the {converted} conversion of {Export(projectId, exportId)}";
            var traceback = converted is null ? null : export.ConvertedFormats.First(c => c.ExportType == converted).Traceback;
            throw new AiPlatformException(Service, "WaitForExport", $"{Service} WaitForExport: {what} failed" + (traceback is null ? string.Empty : $": {traceback}"),
                errorCode: ExportFailed);
        }

        return export;
    }

    public Task<Stream> DownloadExportAsync(int projectId, int exportId, LabelStudioExportFormat? format = null, CancellationToken cancellationToken = default) =>
        calls.RunAsync("DownloadExport", Export(projectId, exportId),
            ct => api.DownloadExportAsync(projectId, exportId, (format ?? LabelStudioExportFormat.Json).Value, ct), cancellationToken);

    public async Task<Stream> ExportSnapshotAsync(
        int projectId, LabelStudioExportFormat format, IProgress<LabelStudioExport>? progress = null, CancellationToken cancellationToken = default)
    {
        var export = await CreateExportAsync(projectId, cancellationToken: cancellationToken).ConfigureAwait(false);
        export = await WaitForExportAsync(projectId, export.Id, null, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (format != LabelStudioExportFormat.Json)
        {
            if (!export.ConvertedFormats.Any(c => c.ExportType == format))
            {
                await ConvertExportAsync(projectId, export.Id, format, cancellationToken).ConfigureAwait(false);
            }

            await WaitForExportAsync(projectId, export.Id, format, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await DownloadExportAsync(projectId, export.Id, format, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cheap authenticated read: the first project, if any.</summary>
    internal Task ProbeAsync(CancellationToken cancellationToken) =>
        calls.RunAsync("Probe", null, ct => api.ListProjectsAsync(1, 1, ct), cancellationToken);

    // The snapshot's own status, or its conversion's (created until the conversion appears).
    private static LabelStudioExportStatus Status(LabelStudioExport export, LabelStudioExportFormat? converted) =>
        converted is null || export.Status == LabelStudioExportStatus.Failed
            ? export.Status
            : export.ConvertedFormats.FirstOrDefault(c => c.ExportType == converted)?.Status ?? LabelStudioExportStatus.Created;

    private static string Project(int id) => $"project {id}";

    private static string Export(int projectId, int exportId) => $"export {exportId} of project {projectId}";
}
