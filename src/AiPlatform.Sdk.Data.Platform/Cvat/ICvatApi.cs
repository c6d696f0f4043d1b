using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// CVAT's REST API as cvat-ai/cvat's <c>cvat/schema.yml</c> declares it: paths (with their trailing slashes where Django's routes have
/// them), query parameters, multipart parts (<c>client_files[n]</c>, <c>annotation_file</c>) and the request queue.
/// </summary>
internal interface ICvatApi
{
    [Get("/api/server/annotation/formats")]
    Task<CvatFormats> GetFormatsAsync(CancellationToken cancellationToken);

    [Post("/api/tasks")]
    Task<CvatTask> CreateTaskAsync([Body] CvatTaskRequest task, CancellationToken cancellationToken);

    [Get("/api/tasks/{id}")]
    Task<CvatTask> GetTaskAsync(int id, CancellationToken cancellationToken);

    [Post("/api/tasks/{id}/data/")]
    Task<RqIdWire> UploadDataAsync(int id, [Body] MultipartFormDataContent form, CancellationToken cancellationToken);

    // An upload session (UploadMixin.upload_data): started, given files in Upload-Multiple requests and tus uploads, then finished.
    [Post("/api/tasks/{id}/data/")]
    [Headers("Upload-Start: true")]
    Task StartUploadAsync(int id, CancellationToken cancellationToken);

    [Post("/api/tasks/{id}/data/")]
    [Headers("Upload-Multiple: true")]
    Task AppendFilesAsync(int id, [Body] MultipartFormDataContent form, CancellationToken cancellationToken);

    [Post("/api/tasks/{id}/data/")]
    [Headers("Upload-Finish: true")]
    Task<RqIdWire> FinishUploadAsync(int id, [Body] UploadFinishWire body, CancellationToken cancellationToken);

    [Post("/api/tasks/{id}/annotations/")]
    Task<RqIdWire> ImportAnnotationsAsync(int id, string format, [Body] MultipartFormDataContent form, CancellationToken cancellationToken);

    [Post("/api/tasks/{id}/dataset/export")]
    Task<RqIdWire> ExportDatasetAsync(int id, string format, [AliasAs("save_images")] string saveImages, CancellationToken cancellationToken);

    [Get("/api/requests/{id}")]
    Task<RequestWire> GetRequestAsync(string id, CancellationToken cancellationToken);
}

internal sealed record RqIdWire(string? RqId);

/// <summary>The DataRequest of an Upload-Finish request: the files are on the server already.</summary>
internal sealed record UploadFinishWire(int ImageQuality);

internal sealed record RequestWire(string? Id, CvatRequestStatus? Status, string? Message, double? Progress, string? ResultUrl);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CvatFormats))]
[JsonSerializable(typeof(CvatTaskRequest))]
[JsonSerializable(typeof(CvatTask))]
[JsonSerializable(typeof(RqIdWire))]
[JsonSerializable(typeof(UploadFinishWire))]
[JsonSerializable(typeof(RequestWire))]
internal sealed partial class CvatJsonContext : JsonSerializerContext;
