using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Data.Platform.Common;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>The <see cref="IAirflowClient"/> over Refit on the platform's HTTP pipeline, for Airflow 2 and 3.</summary>
internal sealed class AirflowClient(IAirflowApi api, AirflowSession session, ServiceCalls calls, TimeProvider time) : IAirflowClient
{
    internal const string Service = "airflow";

    private int PageSize => session.Settings.PageSize;

    public Task<AirflowHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetHealth", null, async ct =>
        {
            var health = await Api(ct).ConfigureAwait(false) == "v1"
                ? await api.GetHealthV1Async(ct).ConfigureAwait(false)
                : await api.GetHealthV2Async(ct).ConfigureAwait(false);
            return new AirflowHealth
            {
                MetadatabaseStatus = health.Metadatabase?.Status,
                SchedulerStatus = health.Scheduler?.Status,
                LatestSchedulerHeartbeat = health.Scheduler?.LatestSchedulerHeartbeat,
            };
        }, cancellationToken);

    public Task<AirflowVersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetVersion", null, async ct => await api.GetVersionAsync(await Api(ct).ConfigureAwait(false), ct).ConfigureAwait(false), cancellationToken);

    public IAsyncEnumerable<AirflowDag> ListDagsAsync(CancellationToken cancellationToken = default) =>
        OffsetPaging.ReadAsync(PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<AirflowDag>?, int)>("ListDags", null, async c =>
        {
            var page = await api.ListDagsAsync(await Api(c).ConfigureAwait(false), PageSize, offset, c).ConfigureAwait(false);
            return (page.Dags, page.TotalEntries);
        }, ct), cancellationToken);

    public Task<AirflowDag> SetDagPausedAsync(string dagId, bool paused, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        return calls.RunAsync(paused ? "PauseDag" : "UnpauseDag", Dag(dagId),
            async ct => await api.PatchDagAsync(await Api(ct).ConfigureAwait(false), dagId, new DagPatch(paused), ct).ConfigureAwait(false), cancellationToken);
    }

    public Task<DagRun> TriggerDagRunAsync(string dagId, DagRunRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        request ??= new DagRunRequest();
        return calls.RunAsync("TriggerDagRun", Dag(dagId), async ct => await Api(ct).ConfigureAwait(false) == "v1"
            ? await api.TriggerV1Async(dagId, new TriggerV1(request.RunId, request.LogicalDate, request.Conf, request.Note), ct).ConfigureAwait(false)
            : await api.TriggerV2Async(dagId, new TriggerV2(request.RunId, request.LogicalDate, request.Conf, request.Note), ct).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<DagRun> GetDagRunAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return calls.RunAsync("GetDagRun", Run(dagId, runId),
            async ct => await api.GetDagRunAsync(await Api(ct).ConfigureAwait(false), dagId, runId, ct).ConfigureAwait(false), cancellationToken);
    }

    public IAsyncEnumerable<DagRun> ListDagRunsAsync(string dagId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        return OffsetPaging.ReadAsync(PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<DagRun>?, int)>("ListDagRuns", Dag(dagId), async c =>
        {
            var page = await api.ListDagRunsAsync(await Api(c).ConfigureAwait(false), dagId, PageSize, offset, c).ConfigureAwait(false);
            return (page.DagRuns, page.TotalEntries);
        }, ct), cancellationToken);
    }

    public Task<DagRun> WaitForDagRunAsync(
        string dagId, string runId, IProgress<DagRun>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(ct => GetDagRunAsync(dagId, runId, ct), r => r.State.IsTerminal, progress, pollInterval ?? session.Settings.PollInterval, time, cancellationToken);

    public IAsyncEnumerable<TaskInstance> ListTaskInstancesAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return OffsetPaging.ReadAsync(PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<TaskInstance>?, int)>("ListTaskInstances", Run(dagId, runId), async c =>
        {
            var page = await api.ListTaskInstancesAsync(await Api(c).ConfigureAwait(false), dagId, runId, PageSize, offset, c).ConfigureAwait(false);
            return (page.TaskInstances, page.TotalEntries);
        }, ct), cancellationToken);
    }

    public Task<string> GetTaskLogAsync(string dagId, string runId, string taskId, int tryNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentOutOfRangeException.ThrowIfLessThan(tryNumber, 1);
        return calls.RunAsync("GetTaskLog", $"try {tryNumber} of task '{taskId}' in run '{runId}' of DAG '{dagId}'", async ct =>
        {
            var log = await api.GetTaskLogAsync(await Api(ct).ConfigureAwait(false), dagId, runId, taskId, tryNumber, ct).ConfigureAwait(false);
            return LogText(log.Content) ?? throw calls.Malformed("GetTaskLog", "content is neither text nor a list of messages");
        }, cancellationToken);
    }

    public IAsyncEnumerable<AirflowVariable> ListVariablesAsync(CancellationToken cancellationToken = default) =>
        OffsetPaging.ReadAsync(PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<AirflowVariable>?, int)>("ListVariables", null, async c =>
        {
            var page = await api.ListVariablesAsync(await Api(c).ConfigureAwait(false), PageSize, offset, c).ConfigureAwait(false);
            return (page.Variables, page.TotalEntries);
        }, ct), cancellationToken);

    public Task<AirflowVariable> GetVariableAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return calls.RunAsync("GetVariable", Variable(key),
            async ct => await api.GetVariableAsync(await Api(ct).ConfigureAwait(false), key, ct).ConfigureAwait(false), cancellationToken);
    }

    public Task<AirflowVariable> CreateVariableAsync(AirflowVariable variable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return calls.RunAsync("CreateVariable", null,
            async ct => await api.CreateVariableAsync(await Api(ct).ConfigureAwait(false), variable, ct).ConfigureAwait(false), cancellationToken);
    }

    public Task<AirflowVariable> UpdateVariableAsync(AirflowVariable variable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return calls.RunAsync("UpdateVariable", Variable(variable.Key),
            async ct => await api.UpdateVariableAsync(await Api(ct).ConfigureAwait(false), variable.Key, variable, ct).ConfigureAwait(false), cancellationToken);
    }

    public Task DeleteVariableAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return calls.RunAsync("DeleteVariable", Variable(key),
            async ct => await api.DeleteVariableAsync(await Api(ct).ConfigureAwait(false), key, ct).ConfigureAwait(false), cancellationToken);
    }

    public IAsyncEnumerable<AirflowConnection> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        OffsetPaging.ReadAsync(PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<AirflowConnection>?, int)>("ListConnections", null, async c =>
        {
            var page = await api.ListConnectionsAsync(await Api(c).ConfigureAwait(false), PageSize, offset, c).ConfigureAwait(false);
            return (page.Connections, page.TotalEntries);
        }, ct), cancellationToken);

    public Task<AirflowConnection> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        return calls.RunAsync("GetConnection", Connection(connectionId),
            async ct => await api.GetConnectionAsync(await Api(ct).ConfigureAwait(false), connectionId, ct).ConfigureAwait(false), cancellationToken);
    }

    public Task<AirflowConnection> CreateConnectionAsync(AirflowConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return calls.RunAsync("CreateConnection", null,
            async ct => await api.CreateConnectionAsync(await Api(ct).ConfigureAwait(false), connection, ct).ConfigureAwait(false), cancellationToken);
    }

    public Task DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        return calls.RunAsync("DeleteConnection", Connection(connectionId),
            async ct => await api.DeleteConnectionAsync(await Api(ct).ConfigureAwait(false), connectionId, ct).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Airflow 3's 422 (FastAPI's HTTPValidationError) as a validation error listing each field and its message.</summary>
    internal static AiPlatformException? MapValidation(Exception exception, string operation)
    {
        if (exception is not ApiException { StatusCode: System.Net.HttpStatusCode.UnprocessableEntity, Content: { Length: > 0 } content } api)
        {
            return null;
        }

        try
        {
            var body = JsonSerializer.Deserialize(content, AirflowJsonContext.Default.ValidationErrorBody);
            if (body?.Detail is not { Count: > 0 } errors)
            {
                return null;
            }

            var text = string.Join("; ", errors.Select(e => $"{string.Join('.', (e.Loc ?? []).Select(l => l.ToString()))}: {e.Msg}"));
            return new AiPlatformValidationException(Service, operation, $"{Service} {operation} was refused: {text}", 422, errors[0].Type, text, api);
        }
        catch (JsonException)
        {
            return null; // not FastAPI's shape: the generic mapping reads it
        }
    }

    private async ValueTask<string> Api(CancellationToken cancellationToken) =>
        await session.GetGenerationAsync(cancellationToken).ConfigureAwait(false) == AirflowGeneration.Airflow2 ? "v1" : "v2";

    private static string? LogText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Join('\n', content.EnumerateArray().Select(Line)),
        _ => null,
    };

    // Airflow 3's StructuredLogMessage: {"timestamp": ..., "event": "...", ...}; older servers send plain lines.
    private static string Line(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText();
        }

        var line = new StringBuilder();
        if (message.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
        {
            line.Append('[').Append(timestamp.GetString()).Append("] ");
        }

        if (message.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String)
        {
            line.Append(level.GetString()).Append(" - ");
        }

        return line.Append(message.TryGetProperty("event", out var text) ? text.ToString() : message.GetRawText()).ToString();
    }

    private static string Dag(string dagId) => $"DAG '{dagId}'";

    private static string Run(string dagId, string runId) => $"run '{runId}' of DAG '{dagId}'";

    private static string Variable(string key) => $"variable '{key}'";

    private static string Connection(string id) => $"connection '{id}'";
}
