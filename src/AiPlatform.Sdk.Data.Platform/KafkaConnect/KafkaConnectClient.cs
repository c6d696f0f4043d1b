using System.Net;
using System.Net.Http.Json;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>The <see cref="IKafkaConnectClient"/> over Refit on the platform's HTTP pipeline.</summary>
internal sealed class KafkaConnectClient(IKafkaConnectApi api, ServiceCalls calls) : IKafkaConnectClient
{
    internal const string Service = "kafka-connect";

    public Task<KafkaConnectClusterInfo> GetClusterInfoAsync(CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetClusterInfo", null, api.GetClusterInfoAsync, cancellationToken);

    public async Task<IReadOnlyList<ConnectorPlugin>> ListConnectorPluginsAsync(bool connectorsOnly = true, CancellationToken cancellationToken = default) =>
        await calls.RunAsync("ListConnectorPlugins", null, ct => api.ListPluginsAsync(Flag(connectorsOnly), ct), cancellationToken).ConfigureAwait(false);

    public async Task<ConfigValidationResult> ValidateConfigAsync(
        string pluginClass, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginClass);
        ArgumentNullException.ThrowIfNull(config);
        var body = new Dictionary<string, string>(config);
        body.TryAdd("connector.class", pluginClass);
        var result = await calls.RunAsync("ValidateConfig", $"plugin '{pluginClass}'", ct => api.ValidateAsync(pluginClass, body, ct), cancellationToken)
            .ConfigureAwait(false);
        return new ConfigValidationResult
        {
            Name = result.Name,
            ErrorCount = result.ErrorCount,
            Groups = result.Groups ?? [],
            Values = [.. (result.Configs ?? []).Select(c => c.Value).OfType<ConfigValueWire>().Select(v => new ConfigValueResult
            {
                Name = v.Name,
                Value = v.Value,
                RecommendedValues = v.RecommendedValues ?? [],
                Errors = v.Errors ?? [],
                Visible = v.Visible,
            })],
        };
    }

    public async Task<IReadOnlyList<string>> ListConnectorsAsync(CancellationToken cancellationToken = default) =>
        await calls.RunAsync("ListConnectors", null, api.ListConnectorsAsync, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, ConnectorOverview>> ListConnectorsWithStatusAsync(CancellationToken cancellationToken = default) =>
        await calls.RunAsync("ListConnectors", null, api.ListConnectorsExpandedAsync, cancellationToken).ConfigureAwait(false);

    public Task<ConnectorInfo> CreateConnectorAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(config);
        return calls.RunAsync("CreateConnector", null, ct => api.CreateAsync(new(name, new(config)), ct), cancellationToken);
    }

    public Task<ConnectorInfo> PutConnectorConfigAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(config);
        return calls.RunAsync("PutConnectorConfig", Connector(name), ct => api.PutConfigAsync(name, new(config), ct), cancellationToken);
    }

    public Task<ConnectorInfo> GetConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetConnector", Connector(name), ct => api.GetAsync(Checked(name), ct), cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetConnectorConfigAsync(string name, CancellationToken cancellationToken = default) =>
        await calls.RunAsync("GetConnectorConfig", Connector(name), ct => api.GetConfigAsync(Checked(name), ct), cancellationToken).ConfigureAwait(false);

    public Task<ConnectorStatus> GetConnectorStatusAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetConnectorStatus", Connector(name), ct => api.GetStatusAsync(Checked(name), ct), cancellationToken);

    public Task<ConnectorStatus?> RestartConnectorAsync(
        string name, bool includeTasks = false, bool onlyFailed = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return calls.RunAsync("RestartConnector", Connector(name), async ct =>
        {
            using var response = await api.RestartAsync(name, Flag(includeTasks), Flag(onlyFailed), ct).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "RestartConnector", ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.Accepted
                ? await response.Content.ReadFromJsonAsync(KafkaConnectJsonContext.Default.ConnectorStatus, ct).ConfigureAwait(false)
                : null;
        }, cancellationToken);
    }

    public Task PauseConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("PauseConnector", Connector(name), ct => api.PauseAsync(Checked(name), ct), cancellationToken);

    public Task ResumeConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("ResumeConnector", Connector(name), ct => api.ResumeAsync(Checked(name), ct), cancellationToken);

    public Task StopConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("StopConnector", Connector(name), ct => api.StopAsync(Checked(name), ct), cancellationToken);

    public Task DeleteConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("DeleteConnector", Connector(name), ct => api.DeleteAsync(Checked(name), ct), cancellationToken);

    public async Task<IReadOnlyList<ConnectorTask>> GetTasksAsync(string name, CancellationToken cancellationToken = default) =>
        await calls.RunAsync("GetTasks", Connector(name), ct => api.GetTasksAsync(Checked(name), ct), cancellationToken).ConfigureAwait(false);

    public Task<ConnectorTaskStatus> GetTaskStatusAsync(string name, int task, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetTaskStatus", Task(name, task), ct => api.GetTaskStatusAsync(Checked(name), task, ct), cancellationToken);

    public Task RestartTaskAsync(string name, int task, CancellationToken cancellationToken = default) =>
        calls.RunAsync("RestartTask", Task(name, task), ct => api.RestartTaskAsync(Checked(name), task, ct), cancellationToken);

    public async Task<IReadOnlyList<string>> GetActiveTopicsAsync(string name, CancellationToken cancellationToken = default)
    {
        var topics = await calls.RunAsync("GetActiveTopics", Connector(name), ct => api.GetTopicsAsync(Checked(name), ct), cancellationToken)
            .ConfigureAwait(false);
        return topics.TryGetValue(name, out var active) ? active.Topics ?? [] : [];
    }

    public Task ResetActiveTopicsAsync(string name, CancellationToken cancellationToken = default) =>
        calls.RunAsync("ResetActiveTopics", Connector(name), ct => api.ResetTopicsAsync(Checked(name), ct), cancellationToken);

    public async Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken = default) =>
        (await calls.RunAsync("GetOffsets", Connector(name), ct => api.GetOffsetsAsync(Checked(name), ct), cancellationToken).ConfigureAwait(false))
        .Offsets ?? [];

    public async Task<string?> AlterOffsetsAsync(string name, IEnumerable<ConnectorOffset> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var body = new ConnectorOffsetsWire([.. offsets]);
        return (await calls.RunAsync("AlterOffsets", Connector(name), ct => api.AlterOffsetsAsync(Checked(name), body, ct), cancellationToken)
            .ConfigureAwait(false)).Message;
    }

    public async Task<string?> ResetOffsetsAsync(string name, CancellationToken cancellationToken = default) =>
        (await calls.RunAsync("ResetOffsets", Connector(name), ct => api.ResetOffsetsAsync(Checked(name), ct), cancellationToken).ConfigureAwait(false))
        .Message;

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Checked(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }

    private static string Connector(string name) => $"connector '{name}'";

    private static string Task(string name, int task) => $"task {task} of connector '{name}'";
}
