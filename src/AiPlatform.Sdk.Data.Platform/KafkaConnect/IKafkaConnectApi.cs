using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>
/// Kafka Connect's REST API as apache/kafka defines it (docs/connect.html and connect/runtime/.../rest/resources/RootResource,
/// ConnectorPluginsResource and ConnectorsResource): paths, verbs and query parameters. Booleans travel as <c>true</c>/<c>false</c>.
/// </summary>
internal interface IKafkaConnectApi
{
    [Get("/")]
    Task<KafkaConnectClusterInfo> GetClusterInfoAsync(CancellationToken cancellationToken);

    [Get("/connector-plugins")]
    Task<List<ConnectorPlugin>> ListPluginsAsync(string connectorsOnly, CancellationToken cancellationToken);

    [Put("/connector-plugins/{plugin}/config/validate")]
    Task<ConfigInfosWire> ValidateAsync(string plugin, [Body] Dictionary<string, string> config, CancellationToken cancellationToken);

    [Get("/connectors")]
    Task<List<string>> ListConnectorsAsync(CancellationToken cancellationToken);

    [Get("/connectors?expand=status&expand=info")]
    Task<Dictionary<string, ConnectorOverview>> ListConnectorsExpandedAsync(CancellationToken cancellationToken);

    [Post("/connectors")]
    Task<ConnectorInfo> CreateAsync([Body] CreateConnectorRequest request, CancellationToken cancellationToken);

    [Get("/connectors/{name}")]
    Task<ConnectorInfo> GetAsync(string name, CancellationToken cancellationToken);

    [Get("/connectors/{name}/config")]
    Task<Dictionary<string, string>> GetConfigAsync(string name, CancellationToken cancellationToken);

    [Put("/connectors/{name}/config")]
    Task<ConnectorInfo> PutConfigAsync(string name, [Body] Dictionary<string, string> config, CancellationToken cancellationToken);

    [Get("/connectors/{name}/status")]
    Task<ConnectorStatus> GetStatusAsync(string name, CancellationToken cancellationToken);

    [Post("/connectors/{name}/restart")]
    Task<HttpResponseMessage> RestartAsync(string name, string includeTasks, string onlyFailed, CancellationToken cancellationToken);

    [Put("/connectors/{name}/pause")]
    Task PauseAsync(string name, CancellationToken cancellationToken);

    [Put("/connectors/{name}/resume")]
    Task ResumeAsync(string name, CancellationToken cancellationToken);

    [Put("/connectors/{name}/stop")]
    Task StopAsync(string name, CancellationToken cancellationToken);

    [Delete("/connectors/{name}")]
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    [Get("/connectors/{name}/tasks")]
    Task<List<ConnectorTask>> GetTasksAsync(string name, CancellationToken cancellationToken);

    [Get("/connectors/{name}/tasks/{task}/status")]
    Task<ConnectorTaskStatus> GetTaskStatusAsync(string name, int task, CancellationToken cancellationToken);

    [Post("/connectors/{name}/tasks/{task}/restart")]
    Task RestartTaskAsync(string name, int task, CancellationToken cancellationToken);

    [Get("/connectors/{name}/topics")]
    Task<Dictionary<string, ActiveTopicsWire>> GetTopicsAsync(string name, CancellationToken cancellationToken);

    [Put("/connectors/{name}/topics/reset")]
    Task ResetTopicsAsync(string name, CancellationToken cancellationToken);

    [Get("/connectors/{name}/offsets")]
    Task<ConnectorOffsetsWire> GetOffsetsAsync(string name, CancellationToken cancellationToken);

    [Patch("/connectors/{name}/offsets")]
    Task<MessageWire> AlterOffsetsAsync(string name, [Body] ConnectorOffsetsWire offsets, CancellationToken cancellationToken);

    [Delete("/connectors/{name}/offsets")]
    Task<MessageWire> ResetOffsetsAsync(string name, CancellationToken cancellationToken);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KafkaConnectClusterInfo))]
[JsonSerializable(typeof(List<ConnectorPlugin>))]
[JsonSerializable(typeof(ConfigInfosWire))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, ConnectorOverview>))]
[JsonSerializable(typeof(CreateConnectorRequest))]
[JsonSerializable(typeof(ConnectorInfo))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ConnectorStatus))]
[JsonSerializable(typeof(List<ConnectorTask>))]
[JsonSerializable(typeof(ConnectorTaskStatus))]
[JsonSerializable(typeof(Dictionary<string, ActiveTopicsWire>))]
[JsonSerializable(typeof(ConnectorOffsetsWire))]
[JsonSerializable(typeof(MessageWire))]
internal sealed partial class KafkaConnectJsonContext : JsonSerializerContext;
