namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>
/// A Kafka Connect cluster's REST API: plugins, connectors, tasks, topics and offsets. A 409 that Kafka Connect answers while its
/// workers rebalance is retried with back-off for every call, writes included; other failures arrive as
/// <see cref="AiPlatformException"/> subclasses (<see cref="AiPlatformNotFoundException"/> naming the connector,
/// <see cref="AiPlatformConflictException"/> for a name already taken or a rebalance that outlasted the retries,
/// <see cref="AiPlatformValidationException"/>, <see cref="AiPlatformUnauthorizedException"/>, <see cref="AiPlatformForbiddenException"/>).
/// </summary>
public interface IKafkaConnectClient
{
    /// <summary>Reads the worker's version and Kafka cluster id (<c>GET /</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster information.</returns>
    Task<KafkaConnectClusterInfo> GetClusterInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the installed plugins (<c>GET /connector-plugins</c>).</summary>
    /// <param name="connectorsOnly">When <see langword="false"/>, transformations, predicates and converters are listed too.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plugins.</returns>
    Task<IReadOnlyList<ConnectorPlugin>> ListConnectorPluginsAsync(bool connectorsOnly = true, CancellationToken cancellationToken = default);

    /// <summary>Validates a configuration against a plugin (<c>PUT /connector-plugins/{plugin}/config/validate</c>) without creating anything.</summary>
    /// <param name="pluginClass">The plugin's class name (or its short alias).</param>
    /// <param name="config">The configuration; <c>connector.class</c> is added when absent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each key's errors; <see cref="ConfigValidationResult.ErrorCount"/> is zero for a valid configuration.</returns>
    Task<ConfigValidationResult> ValidateConfigAsync(string pluginClass, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default);

    /// <summary>Lists the connectors' names (<c>GET /connectors</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The names.</returns>
    Task<IReadOnlyList<string>> ListConnectorsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists every connector with its status and configuration in one call (<c>GET /connectors?expand=status&amp;expand=info</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each connector by name.</returns>
    Task<IReadOnlyDictionary<string, ConnectorOverview>> ListConnectorsWithStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a connector (<c>POST /connectors</c>); a taken name fails with <see cref="AiPlatformConflictException"/>.</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="config">Its configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created connector.</returns>
    Task<ConnectorInfo> CreateConnectorAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default);

    /// <summary>Creates the connector or replaces its configuration (<c>PUT /connectors/{name}/config</c>): idempotent, the way to deploy.</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="config">Its whole configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector as stored.</returns>
    Task<ConnectorInfo> PutConnectorConfigAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default);

    /// <summary>Reads a connector (<c>GET /connectors/{name}</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector.</returns>
    Task<ConnectorInfo> GetConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads a connector's configuration (<c>GET /connectors/{name}/config</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration.</returns>
    Task<IReadOnlyDictionary<string, string>> GetConnectorConfigAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads the state of a connector and its tasks (<c>GET /connectors/{name}/status</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    Task<ConnectorStatus> GetConnectorStatusAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Restarts a connector (<c>POST /connectors/{name}/restart</c>), and its tasks when asked.</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="includeTasks">Restart the tasks too.</param>
    /// <param name="onlyFailed">Restart only instances that failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status after the restart was accepted, or <see langword="null"/> for a plain connector restart (which answers no body).</returns>
    Task<ConnectorStatus?> RestartConnectorAsync(string name, bool includeTasks = false, bool onlyFailed = false, CancellationToken cancellationToken = default);

    /// <summary>Pauses a connector and its tasks (<c>PUT /connectors/{name}/pause</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is accepted.</returns>
    Task PauseConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused or stopped connector (<c>PUT /connectors/{name}/resume</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is accepted.</returns>
    Task ResumeConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stops a connector, shutting its tasks down (<c>PUT /connectors/{name}/stop</c>, Kafka 3.5+); needed before changing offsets.</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is accepted.</returns>
    Task StopConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes a connector (<c>DELETE /connectors/{name}</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the connector is deleted.</returns>
    Task DeleteConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists a connector's tasks with their configurations (<c>GET /connectors/{name}/tasks</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tasks.</returns>
    Task<IReadOnlyList<ConnectorTask>> GetTasksAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads one task's state (<c>GET /connectors/{name}/tasks/{task}/status</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="task">The task number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task's status.</returns>
    Task<ConnectorTaskStatus> GetTaskStatusAsync(string name, int task, CancellationToken cancellationToken = default);

    /// <summary>Restarts one task (<c>POST /connectors/{name}/tasks/{task}/restart</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="task">The task number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the restart is done.</returns>
    Task RestartTaskAsync(string name, int task, CancellationToken cancellationToken = default);

    /// <summary>Lists the topics the connector has used since it was created or its topics were reset (<c>GET /connectors/{name}/topics</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The topic names.</returns>
    Task<IReadOnlyList<string>> GetActiveTopicsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Empties the connector's set of active topics (<c>PUT /connectors/{name}/topics/reset</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is accepted.</returns>
    Task ResetActiveTopicsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads the connector's committed offsets (<c>GET /connectors/{name}/offsets</c>, Kafka 3.5+).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offsets.</returns>
    Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Changes offsets of a stopped connector (<c>PATCH /connectors/{name}/offsets</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="offsets">The partitions and their new offsets (a <see langword="null"/> offset removes it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Kafka Connect's message.</returns>
    Task<string?> AlterOffsetsAsync(string name, IEnumerable<ConnectorOffset> offsets, CancellationToken cancellationToken = default);

    /// <summary>Removes every offset of a stopped connector (<c>DELETE /connectors/{name}/offsets</c>).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Kafka Connect's message.</returns>
    Task<string?> ResetOffsetsAsync(string name, CancellationToken cancellationToken = default);
}
