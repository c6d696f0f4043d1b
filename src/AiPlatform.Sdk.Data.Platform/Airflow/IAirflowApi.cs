using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>
/// Airflow's REST API, both generations: <c>{api}</c> is <c>v1</c> (Airflow 2, airflow/api_connexion/openapi/v1.yaml) or <c>v2</c>
/// (Airflow 3, airflow-core/src/airflow/api_fastapi/core_api/openapi/v2-rest-api-generated.yaml). Paths and bodies are the same for
/// what the client uses, except the health path and the trigger body (Airflow 3 requires <c>logical_date</c>, nullable).
/// </summary>
internal interface IAirflowApi
{
    [Get("/api/v1/health")]
    Task<HealthWire> GetHealthV1Async(CancellationToken cancellationToken);

    [Get("/api/v2/monitor/health")]
    Task<HealthWire> GetHealthV2Async(CancellationToken cancellationToken);

    [Get("/api/{api}/version")]
    Task<AirflowVersionInfo> GetVersionAsync(string api, CancellationToken cancellationToken);

    [Get("/api/{api}/dags")]
    Task<DagPage> ListDagsAsync(string api, int limit, int offset, CancellationToken cancellationToken);

    [Patch("/api/{api}/dags/{dagId}?update_mask=is_paused")]
    Task<AirflowDag> PatchDagAsync(string api, string dagId, [Body] DagPatch body, CancellationToken cancellationToken);

    [Post("/api/v1/dags/{dagId}/dagRuns")]
    Task<DagRun> TriggerV1Async(string dagId, [Body] TriggerV1 body, CancellationToken cancellationToken);

    [Post("/api/v2/dags/{dagId}/dagRuns")]
    Task<DagRun> TriggerV2Async(string dagId, [Body] TriggerV2 body, CancellationToken cancellationToken);

    [Get("/api/{api}/dags/{dagId}/dagRuns/{runId}")]
    Task<DagRun> GetDagRunAsync(string api, string dagId, string runId, CancellationToken cancellationToken);

    [Get("/api/{api}/dags/{dagId}/dagRuns")]
    Task<DagRunPage> ListDagRunsAsync(string api, string dagId, int limit, int offset, CancellationToken cancellationToken);

    [Get("/api/{api}/dags/{dagId}/dagRuns/{runId}/taskInstances")]
    Task<TaskInstancePage> ListTaskInstancesAsync(string api, string dagId, string runId, int limit, int offset, CancellationToken cancellationToken);

    [Get("/api/{api}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/logs/{tryNumber}?full_content=true")]
    [Headers("Accept: application/json")]
    Task<LogWire> GetTaskLogAsync(string api, string dagId, string runId, string taskId, int tryNumber, CancellationToken cancellationToken);

    [Get("/api/{api}/variables")]
    Task<VariablePage> ListVariablesAsync(string api, int limit, int offset, CancellationToken cancellationToken);

    [Get("/api/{api}/variables/{key}")]
    Task<AirflowVariable> GetVariableAsync(string api, string key, CancellationToken cancellationToken);

    [Post("/api/{api}/variables")]
    Task<AirflowVariable> CreateVariableAsync(string api, [Body] AirflowVariable variable, CancellationToken cancellationToken);

    [Patch("/api/{api}/variables/{key}")]
    Task<AirflowVariable> UpdateVariableAsync(string api, string key, [Body] AirflowVariable variable, CancellationToken cancellationToken);

    [Delete("/api/{api}/variables/{key}")]
    Task DeleteVariableAsync(string api, string key, CancellationToken cancellationToken);

    [Get("/api/{api}/connections")]
    Task<ConnectionPage> ListConnectionsAsync(string api, int limit, int offset, CancellationToken cancellationToken);

    [Get("/api/{api}/connections/{connectionId}")]
    Task<AirflowConnection> GetConnectionAsync(string api, string connectionId, CancellationToken cancellationToken);

    [Post("/api/{api}/connections")]
    Task<AirflowConnection> CreateConnectionAsync(string api, [Body] AirflowConnection connection, CancellationToken cancellationToken);

    [Delete("/api/{api}/connections/{connectionId}")]
    Task DeleteConnectionAsync(string api, string connectionId, CancellationToken cancellationToken);
}

internal sealed record HealthWire(ComponentHealth? Metadatabase, ComponentHealth? Scheduler);

internal sealed record ComponentHealth(string? Status, string? LatestSchedulerHeartbeat);

internal sealed record DagPage(List<AirflowDag>? Dags, int TotalEntries);

internal sealed record DagRunPage(List<DagRun>? DagRuns, int TotalEntries);

internal sealed record TaskInstancePage(List<TaskInstance>? TaskInstances, int TotalEntries);

internal sealed record VariablePage(List<AirflowVariable>? Variables, int TotalEntries);

internal sealed record ConnectionPage(List<AirflowConnection>? Connections, int TotalEntries);

internal sealed record DagPatch(bool IsPaused);

/// <summary>Airflow 2's DAGRun body: every field optional.</summary>
internal sealed record TriggerV1(string? DagRunId, DateTimeOffset? LogicalDate, JsonObject? Conf, string? Note);

/// <summary>Airflow 3's TriggerDAGRunPostBody: <c>logical_date</c> is required and may be null, so it is always written.</summary>
internal sealed record TriggerV2(
    string? DagRunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LogicalDate,
    JsonObject? Conf,
    string? Note);

/// <summary>A log: Airflow 2 sends the text, Airflow 3 a list of structured messages (or of lines).</summary>
internal sealed record LogWire(JsonElement Content, string? ContinuationToken);

internal sealed record TokenRequest(string Username, string Password);

internal sealed record TokenResponse(string? AccessToken);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthWire))]
[JsonSerializable(typeof(AirflowVersionInfo))]
[JsonSerializable(typeof(DagPage))]
[JsonSerializable(typeof(AirflowDag))]
[JsonSerializable(typeof(DagPatch))]
[JsonSerializable(typeof(TriggerV1))]
[JsonSerializable(typeof(TriggerV2))]
[JsonSerializable(typeof(DagRun))]
[JsonSerializable(typeof(DagRunPage))]
[JsonSerializable(typeof(TaskInstancePage))]
[JsonSerializable(typeof(LogWire))]
[JsonSerializable(typeof(VariablePage))]
[JsonSerializable(typeof(AirflowVariable))]
[JsonSerializable(typeof(ConnectionPage))]
[JsonSerializable(typeof(AirflowConnection))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ValidationErrorBody))]
internal sealed partial class AirflowJsonContext : JsonSerializerContext;

/// <summary>FastAPI's 422 body (HTTPValidationError): <c>{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}</c>.</summary>
internal sealed record ValidationErrorBody(List<ValidationErrorItem>? Detail);

internal sealed record ValidationErrorItem(List<JsonElement>? Loc, string? Msg, string? Type);
