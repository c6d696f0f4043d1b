using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>
/// Flink's JobManager REST API (v1) as apache/flink's <c>docs/static/generated/rest_v1_dispatcher.yml</c> declares it: paths, verbs,
/// query parameters and bodies. The jar goes up as the multipart part <c>jarfile</c>, the way the JarUploadHandler reads it.
/// </summary>
internal interface IFlinkApi
{
    [Get("/config")]
    Task<DashboardConfigurationWire> GetConfigAsync(CancellationToken cancellationToken);

    [Post("/jars/upload")]
    Task<JarUploadWire> UploadJarAsync([Body] MultipartFormDataContent form, CancellationToken cancellationToken);

    [Get("/jars")]
    Task<JarListWire> ListJarsAsync(CancellationToken cancellationToken);

    [Post("/jars/{jarId}/run")]
    Task<JarRunWire> RunJarAsync(string jarId, [Body] FlinkJarRunRequest request, CancellationToken cancellationToken);

    [Get("/jobs/overview")]
    Task<JobsOverviewWire> ListJobsAsync(CancellationToken cancellationToken);

    [Get("/jobs/{jobId}")]
    Task<FlinkJobDetails> GetJobAsync(string jobId, CancellationToken cancellationToken);

    [Patch("/jobs/{jobId}?mode=cancel")]
    Task CancelJobAsync(string jobId, CancellationToken cancellationToken);

    [Get("/jobs/{jobId}/exceptions")]
    Task<JobExceptionsWire> GetExceptionsAsync(string jobId, int? maxExceptions, CancellationToken cancellationToken);

    [Post("/jobs/{jobId}/savepoints")]
    Task<TriggerWire> TriggerSavepointAsync(string jobId, [Body] SavepointTriggerWire body, CancellationToken cancellationToken);

    [Post("/jobs/{jobId}/stop")]
    Task<TriggerWire> StopWithSavepointAsync(string jobId, [Body] StopWithSavepointWire body, CancellationToken cancellationToken);

    [Get("/jobs/{jobId}/savepoints/{triggerId}")]
    Task<AsynchronousOperationWire> GetSavepointStatusAsync(string jobId, string triggerId, CancellationToken cancellationToken);
}

internal sealed record DashboardConfigurationWire([property: JsonPropertyName("flink-version")] string? FlinkVersion);

internal sealed record JarUploadWire(string? Filename, string? Status);

internal sealed record JarListWire(List<FlinkJar>? Files);

internal sealed record JarRunWire(string? Jobid);

internal sealed record JobsOverviewWire(List<FlinkJobOverview>? Jobs);

internal sealed record JobExceptionsWire(JobExceptionHistoryWire? ExceptionHistory);

internal sealed record JobExceptionHistoryWire(List<FlinkJobException>? Entries, bool Truncated);

internal sealed record SavepointTriggerWire(
    [property: JsonPropertyName("target-directory")] string? TargetDirectory,
    [property: JsonPropertyName("cancel-job")] bool CancelJob,
    FlinkSavepointFormat? FormatType);

internal sealed record StopWithSavepointWire(string? TargetDirectory, bool Drain, FlinkSavepointFormat? FormatType);

internal sealed record TriggerWire([property: JsonPropertyName("request-id")] string? RequestId);

internal sealed record AsynchronousOperationWire(QueueStatusWire? Status, SavepointInfoWire? Operation);

internal sealed record QueueStatusWire(string? Id);

internal sealed record SavepointInfoWire(string? Location, [property: JsonPropertyName("failure-cause")] SerializedThrowableWire? FailureCause);

internal sealed record SerializedThrowableWire(
    [property: JsonPropertyName("class")] string? Class,
    [property: JsonPropertyName("stack-trace")] string? StackTrace);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashboardConfigurationWire))]
[JsonSerializable(typeof(JarUploadWire))]
[JsonSerializable(typeof(JarListWire))]
[JsonSerializable(typeof(FlinkJarRunRequest))]
[JsonSerializable(typeof(JarRunWire))]
[JsonSerializable(typeof(JobsOverviewWire))]
[JsonSerializable(typeof(FlinkJobDetails))]
[JsonSerializable(typeof(JobExceptionsWire))]
[JsonSerializable(typeof(SavepointTriggerWire))]
[JsonSerializable(typeof(StopWithSavepointWire))]
[JsonSerializable(typeof(TriggerWire))]
[JsonSerializable(typeof(AsynchronousOperationWire))]
internal sealed partial class FlinkJsonContext : JsonSerializerContext;
