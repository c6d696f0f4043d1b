using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>
/// Label Studio's REST API as the label-studio-sdk's OpenAPI definition (<c>.mock/openapi/openapi.yaml</c>) declares it; paths keep the
/// definition's trailing slashes, which Django's routes require.
/// </summary>
internal interface ILabelStudioApi
{
    [Get("/api/projects/")]
    Task<ProjectPage> ListProjectsAsync(int page, [AliasAs("page_size")] int pageSize, CancellationToken cancellationToken);

    [Post("/api/projects/")]
    Task<LabelStudioProject> CreateProjectAsync([Body] ProjectCreate body, CancellationToken cancellationToken);

    [Get("/api/projects/{id}/")]
    Task<LabelStudioProject> GetProjectAsync(int id, CancellationToken cancellationToken);

    [Post("/api/projects/{id}/import?return_task_ids=true")]
    Task<LabelStudioImportResult> ImportTasksAsync(int id, [Body] List<TaskData> tasks, CancellationToken cancellationToken);

    [Post("/api/projects/{id}/import/predictions")]
    Task<PredictionImport> ImportPredictionsAsync(int id, [Body] List<LabelStudioPredictionRequest> predictions, CancellationToken cancellationToken);

    [Post("/api/predictions/")]
    Task<LabelStudioPrediction> CreatePredictionAsync([Body] LabelStudioPredictionRequest prediction, CancellationToken cancellationToken);

    [Get("/api/projects/{id}/export")]
    Task<Stream> ExportAsync(int id, [AliasAs("export_type")] string exportType, [AliasAs("download_all_tasks")] string downloadAllTasks, CancellationToken cancellationToken);

    [Post("/api/projects/{id}/exports/")]
    Task<LabelStudioExport> CreateExportAsync(int id, [Body] ExportCreate body, CancellationToken cancellationToken);

    [Get("/api/projects/{id}/exports/{exportId}")]
    Task<LabelStudioExport> GetExportAsync(int id, int exportId, CancellationToken cancellationToken);

    [Post("/api/projects/{id}/exports/{exportId}/convert")]
    Task ConvertExportAsync(int id, int exportId, [Body] ExportConvert body, CancellationToken cancellationToken);

    [Get("/api/projects/{id}/exports/{exportId}/download")]
    Task<Stream> DownloadExportAsync(int id, int exportId, string exportType, CancellationToken cancellationToken);
}

internal sealed record ProjectPage(List<LabelStudioProject>? Results, int Count);

internal sealed record ProjectCreate(string Title, string LabelConfig, string? Description);

/// <summary>One task of an import (ImportApiRequest): its data.</summary>
internal sealed record TaskData(JsonObject Data);

internal sealed record PredictionImport(int Created);

internal sealed record ExportCreate(string? Title);

internal sealed record ExportConvert(LabelStudioExportFormat ExportType);

internal sealed record TokenRefreshRequest(string Refresh);

internal sealed record TokenRefreshResponse(string? Access);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ProjectPage))]
[JsonSerializable(typeof(ProjectCreate))]
[JsonSerializable(typeof(LabelStudioProject))]
[JsonSerializable(typeof(List<TaskData>))]
[JsonSerializable(typeof(LabelStudioImportResult))]
[JsonSerializable(typeof(List<LabelStudioPredictionRequest>))]
[JsonSerializable(typeof(LabelStudioPredictionRequest))]
[JsonSerializable(typeof(LabelStudioPrediction))]
[JsonSerializable(typeof(PredictionImport))]
[JsonSerializable(typeof(ExportCreate))]
[JsonSerializable(typeof(LabelStudioExport))]
[JsonSerializable(typeof(ExportConvert))]
[JsonSerializable(typeof(TokenRefreshRequest))]
[JsonSerializable(typeof(TokenRefreshResponse))]
internal sealed partial class LabelStudioJsonContext : JsonSerializerContext;
