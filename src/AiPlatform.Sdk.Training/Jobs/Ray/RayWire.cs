using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Jobs.Ray;

internal sealed record RayVersionWire(string? Version, string? RayVersion);

internal sealed record RaySubmitRequestWire(
    string Entrypoint,
    string? SubmissionId,
    RayRuntimeEnvWire? RuntimeEnv,
    Dictionary<string, string>? Metadata,
    double? EntrypointNumCpus,
    double? EntrypointNumGpus,
    long? EntrypointMemory);

/// <summary>The part of Ray's <c>runtime_env</c> a submission sets: environment variables and the uploaded working directory's URI.</summary>
internal sealed record RayRuntimeEnvWire(Dictionary<string, string>? EnvVars, string? WorkingDir);

internal sealed record RaySubmitResponseWire(string? SubmissionId, string? JobId);

/// <summary>Ray's <c>JobDetails</c>; <c>driver_exit_code</c> is sent by Ray 2.9 and later.</summary>
internal sealed record RayJobDetailsWire(
    string? Type,
    string? Entrypoint,
    string? JobId,
    string? SubmissionId,
    string? Status,
    string? Message,
    long? StartTime,
    long? EndTime,
    Dictionary<string, string>? Metadata,
    int? DriverExitCode);

internal sealed record RayLogsWire(string? Logs);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RayVersionWire))]
[JsonSerializable(typeof(RaySubmitRequestWire))]
[JsonSerializable(typeof(RaySubmitResponseWire))]
[JsonSerializable(typeof(List<RayJobDetailsWire>))]
[JsonSerializable(typeof(RayLogsWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class RayJsonContext : JsonSerializerContext;
