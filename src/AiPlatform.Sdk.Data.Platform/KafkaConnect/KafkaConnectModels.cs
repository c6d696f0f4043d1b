using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>The worker that answered <c>GET /</c>: its Kafka Connect version and the Kafka cluster it belongs to.</summary>
public sealed class KafkaConnectClusterInfo
{
    /// <summary>The Kafka Connect version, such as <c>3.9.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The git commit of the build.</summary>
    public string? Commit { get; init; }

    /// <summary>The id of the Kafka cluster the worker uses.</summary>
    public string? KafkaClusterId { get; init; }
}

/// <summary>A plugin installed on the worker (<c>GET /connector-plugins</c>).</summary>
public sealed class ConnectorPlugin
{
    /// <summary>The plugin's class name.</summary>
    public required string Class { get; init; }

    /// <summary><c>source</c>, <c>sink</c>, or a transformation/predicate/converter type when not limited to connectors.</summary>
    public string? Type { get; init; }

    /// <summary>The plugin's version.</summary>
    public string? Version { get; init; }
}

/// <summary>The result of validating a connector configuration against its plugin.</summary>
public sealed class ConfigValidationResult
{
    /// <summary>The plugin's class name.</summary>
    public string? Name { get; init; }

    /// <summary>How many values have errors; zero when the configuration is valid.</summary>
    public int ErrorCount { get; init; }

    /// <summary>The plugin's configuration groups.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Each configuration key as validated.</summary>
    public IReadOnlyList<ConfigValueResult> Values { get; init; } = [];
}

/// <summary>One validated configuration key.</summary>
public sealed class ConfigValueResult
{
    /// <summary>The key.</summary>
    public required string Name { get; init; }

    /// <summary>The value after parsing, as text.</summary>
    public string? Value { get; init; }

    /// <summary>Values the plugin recommends.</summary>
    public IReadOnlyList<string> RecommendedValues { get; init; } = [];

    /// <summary>What is wrong with the value; empty when it is valid.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Whether the key applies given the other values.</summary>
    public bool Visible { get; init; }
}

/// <summary>A connector: its configuration, its tasks and its type.</summary>
public sealed class ConnectorInfo
{
    /// <summary>The connector's name.</summary>
    public required string Name { get; init; }

    /// <summary>The connector's configuration.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>The connector's tasks.</summary>
    public IReadOnlyList<ConnectorTaskId> Tasks { get; init; } = [];

    /// <summary><c>source</c> or <c>sink</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>The id of one task of a connector.</summary>
public sealed class ConnectorTaskId
{
    /// <summary>The connector's name.</summary>
    public required string Connector { get; init; }

    /// <summary>The task number.</summary>
    public int Task { get; init; }
}

/// <summary>A task with the configuration its connector generated.</summary>
public sealed class ConnectorTask
{
    /// <summary>The task's id.</summary>
    public required ConnectorTaskId Id { get; init; }

    /// <summary>The task's configuration.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}

/// <summary>The state of a connector and of each of its tasks.</summary>
public sealed class ConnectorStatus
{
    /// <summary>The connector's name.</summary>
    public required string Name { get; init; }

    /// <summary>The connector instance's state.</summary>
    public required ConnectorWorkerState Connector { get; init; }

    /// <summary>Each task's state.</summary>
    public IReadOnlyList<ConnectorTaskStatus> Tasks { get; init; } = [];

    /// <summary><c>source</c> or <c>sink</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>A connector instance's state on its worker.</summary>
public sealed class ConnectorWorkerState
{
    /// <summary>The state.</summary>
    public ConnectorState State { get; init; }

    /// <summary>The worker that runs it, <c>host:port</c>.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The stack trace of a failure.</summary>
    public string? Trace { get; init; }
}

/// <summary>One task's state on its worker.</summary>
public sealed class ConnectorTaskStatus
{
    /// <summary>The task number.</summary>
    public int Id { get; init; }

    /// <summary>The state.</summary>
    public ConnectorState State { get; init; }

    /// <summary>The worker that runs it, <c>host:port</c>.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The stack trace of a failure.</summary>
    public string? Trace { get; init; }
}

/// <summary>What <c>GET /connectors?expand=status&amp;expand=info</c> tells about one connector.</summary>
public sealed class ConnectorOverview
{
    /// <summary>The connector's state and its tasks' states.</summary>
    public ConnectorStatus? Status { get; init; }

    /// <summary>The connector's configuration and tasks.</summary>
    public ConnectorInfo? Info { get; init; }
}

/// <summary>One source partition's or consumer partition's offset, in the connector's own shape.</summary>
public sealed class ConnectorOffset
{
    /// <summary>The partition, such as <c>{"kafka_topic": "orders", "kafka_partition": 0}</c> for a sink connector.</summary>
    public required JsonObject Partition { get; init; }

    /// <summary>The offset, such as <c>{"kafka_offset": 42}</c>; <see langword="null"/> in an alteration removes the partition's offset.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonObject? Offset { get; init; }
}

// Wire shapes that the public model does not keep as they are.

internal sealed record ConfigInfosWire(string? Name, int ErrorCount, List<string>? Groups, List<ConfigInfoWire>? Configs);

internal sealed record ConfigInfoWire(ConfigValueWire? Value);

internal sealed record ConfigValueWire(string Name, string? Value, List<string>? RecommendedValues, List<string>? Errors, bool Visible);

internal sealed record CreateConnectorRequest(string Name, Dictionary<string, string> Config);

internal sealed record ActiveTopicsWire(List<string>? Topics);

internal sealed record ConnectorOffsetsWire([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] List<ConnectorOffset> Offsets);

internal sealed record MessageWire(string? Message);
