using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>The state of a Flink job as the JobManager reports it (an open set: unknown states are kept as sent).</summary>
[JsonConverter(typeof(StringValueConverter<FlinkJobState>))]
public readonly record struct FlinkJobState : IStringValue<FlinkJobState>
{
    /// <summary>Creates a state from the server's name.</summary>
    /// <param name="value">The name, such as <c>RUNNING</c>.</param>
    public FlinkJobState(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Submitted; the JobManager is setting it up.</summary>
    public static FlinkJobState Initializing { get; } = new("INITIALIZING");

    /// <summary>Created, waiting for resources.</summary>
    public static FlinkJobState Created { get; } = new("CREATED");

    /// <summary>Running.</summary>
    public static FlinkJobState Running { get; } = new("RUNNING");

    /// <summary>Failing over to a restart or to <see cref="Failed"/>.</summary>
    public static FlinkJobState Failing { get; } = new("FAILING");

    /// <summary>Failed for good (terminal); the job's exceptions say why.</summary>
    public static FlinkJobState Failed { get; } = new("FAILED");

    /// <summary>Being cancelled.</summary>
    public static FlinkJobState Cancelling { get; } = new("CANCELLING");

    /// <summary>Cancelled (terminal).</summary>
    public static FlinkJobState Canceled { get; } = new("CANCELED");

    /// <summary>Finished: every source ended, or stopped with a savepoint (terminal).</summary>
    public static FlinkJobState Finished { get; } = new("FINISHED");

    /// <summary>Restarting after a failure.</summary>
    public static FlinkJobState Restarting { get; } = new("RESTARTING");

    /// <summary>The server's name of the state.</summary>
    public string Value { get; }

    /// <summary>Whether the job has ended for good (<c>FINISHED</c>, <c>CANCELED</c> or <c>FAILED</c>).</summary>
    public bool IsTerminal => this == Finished || this == Canceled || this == Failed;

    static FlinkJobState IStringValue<FlinkJobState>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>The binary format of a savepoint (an open set).</summary>
[JsonConverter(typeof(StringValueConverter<FlinkSavepointFormat>))]
public readonly record struct FlinkSavepointFormat : IStringValue<FlinkSavepointFormat>
{
    /// <summary>Creates a format from the server's name.</summary>
    /// <param name="value">The name, such as <c>CANONICAL</c>.</param>
    public FlinkSavepointFormat(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The state backend-independent format: portable, slower to write and restore (Flink's default).</summary>
    public static FlinkSavepointFormat Canonical { get; } = new("CANONICAL");

    /// <summary>The state backend's own format: faster, restorable only by the same backend.</summary>
    public static FlinkSavepointFormat Native { get; } = new("NATIVE");

    /// <summary>The server's name of the format.</summary>
    public string Value { get; }

    static FlinkSavepointFormat IStringValue<FlinkSavepointFormat>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A jar uploaded to the JobManager (<c>GET /jars</c>).</summary>
public sealed class FlinkJar
{
    /// <summary>The jar's id: the name the upload was stored under, used to run it.</summary>
    public required string Id { get; init; }

    /// <summary>The file name the jar was uploaded with.</summary>
    public string? Name { get; init; }

    /// <summary>When it was uploaded.</summary>
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? Uploaded { get; init; }

    /// <summary>The entry classes Flink found in the jar's manifest.</summary>
    [JsonPropertyName("entry")]
    public IReadOnlyList<FlinkJarEntry> Entries { get; init; } = [];
}

/// <summary>An entry class of a jar.</summary>
public sealed class FlinkJarEntry
{
    /// <summary>The fully qualified class name.</summary>
    public required string Name { get; init; }

    /// <summary>The program's description, if it offers one.</summary>
    public string? Description { get; init; }
}

/// <summary>How to run an uploaded jar (<c>POST /jars/{jarid}/run</c>); every value is optional.</summary>
public sealed class FlinkJarRunRequest
{
    /// <summary>The entry class; overrides the one in the jar's manifest.</summary>
    public string? EntryClass { get; init; }

    /// <summary>The program's arguments, one item each (no quoting or splitting is applied).</summary>
    [JsonPropertyName("programArgsList")]
    public IReadOnlyList<string>? ProgramArgs { get; init; }

    /// <summary>The job's default parallelism; unset uses the cluster's.</summary>
    public int? Parallelism { get; init; }

    /// <summary>The savepoint (or retained checkpoint) to restore the job's state from.</summary>
    public string? SavepointPath { get; init; }

    /// <summary>Start even when the savepoint holds state that no operator of the job claims.</summary>
    public bool? AllowNonRestoredState { get; init; }

    /// <summary>A job id to use (32 hexadecimal characters) instead of a generated one.</summary>
    public string? JobId { get; init; }
}

/// <summary>What Flink reports about every job, in the overview and in its details.</summary>
public abstract class FlinkJobInfo
{
    /// <summary>The job id (32 hexadecimal characters).</summary>
    [JsonPropertyName("jid")]
    public required string Id { get; init; }

    /// <summary>The job's name.</summary>
    public string? Name { get; init; }

    /// <summary>The job's state.</summary>
    public FlinkJobState State { get; init; }

    /// <summary>When the job started.</summary>
    [JsonPropertyName("start-time")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When the job ended; <see langword="null"/> while it runs.</summary>
    [JsonPropertyName("end-time")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>How long the job has run.</summary>
    [JsonConverter(typeof(MillisecondsConverter))]
    public TimeSpan Duration { get; init; }
}

/// <summary>One job of the overview (<c>GET /jobs/overview</c>).</summary>
public sealed class FlinkJobOverview : FlinkJobInfo
{
    /// <summary>How many of the job's tasks are in each state (<c>total</c>, <c>running</c>, <c>finished</c>...).</summary>
    public IReadOnlyDictionary<string, int> Tasks { get; init; } = new Dictionary<string, int>();
}

/// <summary>A job's details (<c>GET /jobs/{jobid}</c>).</summary>
public sealed class FlinkJobDetails : FlinkJobInfo
{
    /// <summary>Whether every source can be stopped (bounded sources that support it).</summary>
    public bool IsStoppable { get; init; }

    /// <summary>The job graph's vertices (operators chained into tasks).</summary>
    public IReadOnlyList<FlinkJobVertex> Vertices { get; init; } = [];
}

/// <summary>A vertex of a job graph.</summary>
public sealed class FlinkJobVertex
{
    /// <summary>The vertex id.</summary>
    public required string Id { get; init; }

    /// <summary>The vertex's name (its chained operators).</summary>
    public string? Name { get; init; }

    /// <summary>How many parallel subtasks it runs.</summary>
    public int Parallelism { get; init; }

    /// <summary>Its execution state, such as <c>RUNNING</c>.</summary>
    public string? Status { get; init; }
}

/// <summary>A job's most recent failures (<c>GET /jobs/{jobid}/exceptions</c>).</summary>
public sealed class FlinkJobExceptions
{
    /// <summary>The failures, newest first.</summary>
    public IReadOnlyList<FlinkJobException> Entries { get; init; } = [];

    /// <summary>Whether older failures were left out (<c>maxExceptions</c> or the JobManager's history size).</summary>
    public bool Truncated { get; init; }
}

/// <summary>One failure of a job, with the failures that happened at the same time.</summary>
public sealed class FlinkJobException
{
    /// <summary>The exception's class.</summary>
    public string? ExceptionName { get; init; }

    /// <summary>The Java stack trace.</summary>
    [JsonPropertyName("stacktrace")]
    public string? StackTrace { get; init; }

    /// <summary>When it happened.</summary>
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The failing task, such as <c>Map (1/2)</c>; <see langword="null"/> for a global failure.</summary>
    public string? TaskName { get; init; }

    /// <summary>The TaskManager that ran it, <c>host:port</c>.</summary>
    public string? Location { get; init; }

    /// <summary>Labels a failure enricher attached, such as <c>type: user</c>.</summary>
    public IReadOnlyDictionary<string, string> FailureLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Failures of other tasks at the same time.</summary>
    public IReadOnlyList<FlinkJobException> ConcurrentExceptions { get; init; } = [];
}

/// <summary>The state of a savepoint operation (triggered, or a stop with savepoint).</summary>
public sealed class FlinkSavepointStatus
{
    /// <summary>Whether the operation has ended, successfully or not.</summary>
    public required bool IsCompleted { get; init; }

    /// <summary>Where the savepoint was written, once it succeeded.</summary>
    public string? Location { get; init; }

    /// <summary>The Java exception class of a failed operation.</summary>
    public string? FailureClass { get; init; }

    /// <summary>The stack trace of a failed operation.</summary>
    public string? FailureStackTrace { get; init; }

    /// <summary>Whether the operation ended with a failure.</summary>
    public bool IsFailed => IsCompleted && (FailureClass is not null || FailureStackTrace is not null);
}
