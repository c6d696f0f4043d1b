using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>The state of a DAG run (an open set: unknown states are kept as sent).</summary>
[JsonConverter(typeof(StringValueConverter<DagRunState>))]
public readonly record struct DagRunState : IStringValue<DagRunState>
{
    /// <summary>Creates a state from the server's name.</summary>
    /// <param name="value">The name, such as <c>running</c>.</param>
    public DagRunState(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Waiting for the scheduler.</summary>
    public static DagRunState Queued { get; } = new("queued");

    /// <summary>Running.</summary>
    public static DagRunState Running { get; } = new("running");

    /// <summary>Finished successfully (terminal).</summary>
    public static DagRunState Success { get; } = new("success");

    /// <summary>Finished with a failure (terminal).</summary>
    public static DagRunState Failed { get; } = new("failed");

    /// <summary>The server's name of the state.</summary>
    public string Value { get; }

    /// <summary>Whether the run has finished (<c>success</c> or <c>failed</c>).</summary>
    public bool IsTerminal => this == Success || this == Failed;

    static DagRunState IStringValue<DagRunState>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>The Airflow version the server reports.</summary>
public sealed class AirflowVersionInfo
{
    /// <summary>The version, such as <c>3.0.2</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The git version of the build.</summary>
    public string? GitVersion { get; init; }
}

/// <summary>Airflow's own health report: the metadata database and the scheduler.</summary>
public sealed class AirflowHealth
{
    /// <summary>The metadata database's status, <c>healthy</c> or <c>unhealthy</c>.</summary>
    public string? MetadatabaseStatus { get; init; }

    /// <summary>The scheduler's status, <c>healthy</c> or <c>unhealthy</c> (or none when never started).</summary>
    public string? SchedulerStatus { get; init; }

    /// <summary>The scheduler's latest heartbeat as the server wrote it.</summary>
    public string? LatestSchedulerHeartbeat { get; init; }

    /// <summary>Whether both the database and the scheduler are healthy.</summary>
    public bool IsHealthy => MetadatabaseStatus == "healthy" && SchedulerStatus == "healthy";
}

/// <summary>A DAG.</summary>
public sealed class AirflowDag
{
    /// <summary>The DAG's id.</summary>
    public required string DagId { get; init; }

    /// <summary>Whether the DAG is paused.</summary>
    public bool? IsPaused { get; init; }

    /// <summary>The DAG's description.</summary>
    public string? Description { get; init; }

    /// <summary>The DAG's owners.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>The DAG's tags.</summary>
    public IReadOnlyList<AirflowTag> Tags { get; init; } = [];
}

/// <summary>A DAG's tag.</summary>
public sealed class AirflowTag
{
    /// <summary>The tag.</summary>
    public required string Name { get; init; }
}

/// <summary>What to trigger a DAG run with.</summary>
public sealed class DagRunRequest
{
    /// <summary>The run's id; Airflow generates one when unset.</summary>
    public string? RunId { get; init; }

    /// <summary>The logical date; <see langword="null"/> (Airflow 3's default for a manual run) leaves the run without one.</summary>
    public DateTimeOffset? LogicalDate { get; init; }

    /// <summary>The run's <c>conf</c>, handed to its tasks (such as a dataset's path).</summary>
    public JsonObject? Conf { get; init; }

    /// <summary>A note shown with the run.</summary>
    public string? Note { get; init; }
}

/// <summary>A DAG run.</summary>
public sealed class DagRun
{
    /// <summary>The DAG's id.</summary>
    public required string DagId { get; init; }

    /// <summary>The run's id.</summary>
    [JsonPropertyName("dag_run_id")]
    public required string RunId { get; init; }

    /// <summary>The run's state.</summary>
    public DagRunState State { get; init; }

    /// <summary>The logical date, if the run has one.</summary>
    public DateTimeOffset? LogicalDate { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary><c>manual</c>, <c>scheduled</c>, <c>backfill</c>, ...</summary>
    public string? RunType { get; init; }

    /// <summary>The run's <c>conf</c>.</summary>
    public JsonObject? Conf { get; init; }

    /// <summary>The run's note.</summary>
    public string? Note { get; init; }
}

/// <summary>One task instance of a DAG run.</summary>
public sealed class TaskInstance
{
    /// <summary>The task's id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The DAG's id.</summary>
    public string? DagId { get; init; }

    /// <summary>The run's id.</summary>
    [JsonPropertyName("dag_run_id")]
    public string? RunId { get; init; }

    /// <summary>The index of a mapped task instance; -1 when the task is not mapped.</summary>
    public int MapIndex { get; init; } = -1;

    /// <summary>The current try, for <c>GetTaskLogAsync</c>.</summary>
    public int TryNumber { get; init; }

    /// <summary>The state (<c>success</c>, <c>failed</c>, <c>up_for_retry</c>, ...), or <see langword="null"/> before it is scheduled.</summary>
    public string? State { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>How long it ran, in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>The operator's class name.</summary>
    public string? Operator { get; init; }
}

/// <summary>An Airflow variable.</summary>
public sealed class AirflowVariable
{
    /// <summary>The key.</summary>
    public required string Key { get; init; }

    /// <summary>The value (Airflow keeps text; JSON is stored as its text).</summary>
    public string? Value { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }
}

/// <summary>An Airflow connection.</summary>
public sealed class AirflowConnection
{
    /// <summary>The connection's id.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The type, such as <c>postgres</c> or <c>aws</c>.</summary>
    public required string ConnType { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>The host.</summary>
    public string? Host { get; init; }

    /// <summary>The login.</summary>
    public string? Login { get; init; }

    /// <summary>The schema (database) part.</summary>
    public string? Schema { get; init; }

    /// <summary>The port.</summary>
    public int? Port { get; init; }

    /// <summary>The password: sent when creating, never returned by Airflow's listings in clear unless configured so.</summary>
    public string? Password { get; init; }

    /// <summary>Extra settings as JSON text.</summary>
    public string? Extra { get; init; }
}
