using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>The state of a connector or task as Kafka Connect reports it (an open set: unknown states are kept as sent).</summary>
[JsonConverter(typeof(StringValueConverter<ConnectorState>))]
public readonly record struct ConnectorState : IStringValue<ConnectorState>
{
    /// <summary>Creates a state from the server's name.</summary>
    /// <param name="value">The name, such as <c>RUNNING</c>.</param>
    public ConnectorState(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The connector or task runs.</summary>
    public static ConnectorState Running { get; } = new("RUNNING");

    /// <summary>Paused by an administrator.</summary>
    public static ConnectorState Paused { get; } = new("PAUSED");

    /// <summary>Stopped by an administrator (its tasks are shut down; offsets can be changed).</summary>
    public static ConnectorState Stopped { get; } = new("STOPPED");

    /// <summary>Failed; the trace says why.</summary>
    public static ConnectorState Failed { get; } = new("FAILED");

    /// <summary>Not yet assigned to a worker.</summary>
    public static ConnectorState Unassigned { get; } = new("UNASSIGNED");

    /// <summary>Being restarted.</summary>
    public static ConnectorState Restarting { get; } = new("RESTARTING");

    /// <summary>The server's name of the state.</summary>
    public string Value { get; }

    static ConnectorState IStringValue<ConnectorState>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
