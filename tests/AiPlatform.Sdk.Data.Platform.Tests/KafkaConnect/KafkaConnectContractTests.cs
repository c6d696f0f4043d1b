using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.KafkaConnect;

/// <summary>
/// Every operation of <see cref="IKafkaConnectClient"/> against Prism serving Definitions/kafka-connect.yaml (written from apache/kafka's
/// docs/connect.html and REST resources): Prism refuses any request whose path, verb, query, body or Basic credentials the definition
/// does not allow, so each call that succeeds was well-formed; the assertions check the answers were read.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class KafkaConnectContractTests(KafkaConnectPrism prism) : IClassFixture<KafkaConnectPrism>
{
    private static readonly Dictionary<string, string> SinkConfig = new()
    {
        ["connector.class"] = "FileStreamSink",
        ["topics"] = "orders",
        ["file"] = "/tmp/orders.txt",
    };

    [Fact]
    public async Task Cluster_info_and_plugins_are_read()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var info = await client.GetClusterInfoAsync();
        var connectors = await client.ListConnectorPluginsAsync();
        var all = await client.ListConnectorPluginsAsync(connectorsOnly: false);

        Assert.Equal("3.9.0", info.Version);
        Assert.Equal("I4ZmrWqfT2e-upky_4fdPA", info.KafkaClusterId);
        Assert.Equal("org.apache.kafka.connect.file.FileStreamSinkConnector", Assert.Single(connectors).Class);
        Assert.Equal("sink", Assert.Single(all).Type);
    }

    [Fact]
    public async Task Validate_config_reads_each_error()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var result = await client.ValidateConfigAsync("FileStreamSink", new Dictionary<string, string> { ["file"] = "/tmp/x" });

        Assert.Equal(1, result.ErrorCount);
        var topics = Assert.Single(result.Values);
        Assert.Equal("topics", topics.Name);
        Assert.Null(topics.Value);
        Assert.Equal(["Must configure one of topics or topics.regex"], topics.Errors);
    }

    [Fact]
    public async Task Connector_lifecycle_calls_are_accepted()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var created = await client.CreateConnectorAsync("orders-sink", SinkConfig);
        var put = await client.PutConnectorConfigAsync("orders-sink", SinkConfig);
        var read = await client.GetConnectorAsync("orders-sink");
        var config = await client.GetConnectorConfigAsync("orders-sink");
        var status = await client.GetConnectorStatusAsync("orders-sink");
        var names = await client.ListConnectorsAsync();
        await client.PauseConnectorAsync("orders-sink");
        await client.ResumeConnectorAsync("orders-sink");
        await client.StopConnectorAsync("orders-sink");
        await client.DeleteConnectorAsync("orders-sink");

        Assert.Equal("orders-sink", created.Name);
        Assert.Equal("orders-sink", put.Name);
        Assert.Equal("orders-sink", Assert.Single(read.Tasks).Connector);
        Assert.Equal("orders", config["topics"]);
        Assert.Equal(ConnectorState.Running, status.Connector.State);
        Assert.Equal(ConnectorState.Failed, status.Tasks[1].State);
        Assert.Contains("boom", status.Tasks[1].Trace, StringComparison.Ordinal);
        Assert.Equal(["orders-sink", "cdc-source"], names);
    }

    [Fact]
    public async Task Restart_with_tasks_returns_the_status_and_a_plain_restart_returns_none()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var withTasks = await client.RestartConnectorAsync("orders-sink", includeTasks: true, onlyFailed: true);

        Assert.NotNull(withTasks);
        Assert.Equal("orders-sink", withTasks.Name);
        await using var plain = Build(PlatformHost.PreferCode(204));
        Assert.Null(await plain.GetRequiredService<IKafkaConnectClient>().RestartConnectorAsync("orders-sink"));
    }

    [Fact]
    public async Task Expanded_list_reads_status_and_info_by_name()
    {
        await using var provider = Build(PlatformHost.PreferExample("expanded"));
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var connectors = await client.ListConnectorsWithStatusAsync();

        var orders = connectors["orders-sink"];
        Assert.Equal(ConnectorState.Running, orders.Status!.Connector.State);
        Assert.Equal(ConnectorState.Failed, Assert.Single(orders.Status.Tasks).State);
        Assert.Equal("orders", orders.Info!.Config["topics"]);
    }

    [Fact]
    public async Task Tasks_and_task_restarts_are_accepted()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var tasks = await client.GetTasksAsync("orders-sink");
        var status = await client.GetTaskStatusAsync("orders-sink", 0);
        await client.RestartTaskAsync("orders-sink", 0);

        Assert.NotEmpty(tasks);
        Assert.NotNull(tasks[0].Id.Connector);
        Assert.Equal(0, status.Id);
        Assert.Equal("connect-1:8083", status.WorkerId);
    }

    [Fact]
    public async Task Topics_are_read_from_under_the_connector_name_and_reset()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var topics = await client.GetActiveTopicsAsync("orders-sink");
        await client.ResetActiveTopicsAsync("orders-sink");

        Assert.Equal(["orders", "refunds"], topics);
    }

    [Fact]
    public async Task Offsets_are_read_altered_and_reset()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IKafkaConnectClient>();

        var offsets = await client.GetOffsetsAsync("orders-sink");
        var altered = await client.AlterOffsetsAsync("orders-sink",
        [
            new ConnectorOffset { Partition = new JsonObject { ["kafka_topic"] = "orders", ["kafka_partition"] = 2 }, Offset = new JsonObject { ["kafka_offset"] = 0 } },
            new ConnectorOffset { Partition = new JsonObject { ["kafka_topic"] = "orders", ["kafka_partition"] = 3 }, Offset = null },
        ]);
        var reset = await client.ResetOffsetsAsync("orders-sink");

        var offset = Assert.Single(offsets);
        Assert.Equal(2, (int)offset.Partition["kafka_partition"]!);
        Assert.Equal(4, (int)offset.Offset!["kafka_offset"]!);
        Assert.Contains("altered", altered, StringComparison.Ordinal);
        Assert.Contains("reset", reset, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<IKafkaConnectClient>().GetClusterInfoAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("kafka-connect", error.Service);
    }

    [Fact]
    public async Task Forbidden_topic_tracking_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<IKafkaConnectClient>().GetActiveTopicsAsync("orders-sink"));

        Assert.Equal("GetActiveTopics", error.Operation);
    }

    [Fact]
    public async Task Not_found_names_the_connector()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<IKafkaConnectClient>().GetConnectorStatusAsync("orders-sink"));

        Assert.Contains("connector 'orders-sink' was not found", error.Message, StringComparison.Ordinal);
        Assert.Equal("Connector orders-sink not found", error.ServerMessage);
    }

    private ServiceProvider Build(Action<HttpRequestMessage>? alter = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:KafkaConnect:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:KafkaConnect:Username"] = "connect-admin",
            ["DataPlatform:KafkaConnect:Password"] = "s3cret",
        },
        p => p.AddKafkaConnect(), "kafka-connect", alter);
}
