using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.KafkaConnect;

/// <summary>
/// Behaviour Prism cannot show, against a Kestrel fake that answers as Kafka Connect does (bodies from docs/connect.html; the 409
/// messages of HerderRequestHandler/ConnectorsResource in apache/kafka).
/// </summary>
[Trait("Kind", "Contract")]
public sealed class KafkaConnectBehaviourTests
{
    private const string Rebalance = """{"error_code":409,"message":"Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)"}""";
    private const string Created = """{"name":"orders-sink","config":{"connector.class":"FileStreamSink","name":"orders-sink"},"tasks":[],"type":"sink"}""";

    [Fact]
    public async Task A_create_answered_409_during_a_rebalance_is_retried_until_it_succeeds()
    {
        var attempts = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/connectors", () =>
            Interlocked.Increment(ref attempts) < 3 ? Json(Rebalance, 409) : Json(Created, 201)));
        await using var provider = Build(server);

        var created = await provider.GetRequiredService<IKafkaConnectClient>()
            .CreateConnectorAsync("orders-sink", new Dictionary<string, string> { ["connector.class"] = "FileStreamSink" });

        Assert.Equal("orders-sink", created.Name);
        var posts = server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Contains("\"name\":\"orders-sink\"", p.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_restart_answered_409_during_a_rebalance_is_retried()
    {
        var attempts = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/connectors/{name}/tasks/{task}/restart", () =>
            Interlocked.Increment(ref attempts) == 1
                ? Json("""{"error_code":409,"message":"Cannot complete request because of a conflicting operation (e.g. worker rebalance)"}""", 409)
                : Results.NoContent()));
        await using var provider = Build(server);

        await provider.GetRequiredService<IKafkaConnectClient>().RestartTaskAsync("orders-sink", 1);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_name_already_taken_is_a_conflict_sent_once()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/connectors", () =>
            Json("""{"error_code":409,"message":"Connector orders-sink already exists"}""", 409)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformConflictException>(() => provider.GetRequiredService<IKafkaConnectClient>()
            .CreateConnectorAsync("orders-sink", new Dictionary<string, string> { ["connector.class"] = "FileStreamSink" }));

        Assert.Equal("Connector orders-sink already exists", error.ServerMessage);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_rebalance_that_outlasts_the_retries_is_a_conflict()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPut("/connectors/{name}/config", () => Json(Rebalance, 409)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformConflictException>(() => provider.GetRequiredService<IKafkaConnectClient>()
            .PutConnectorConfigAsync("orders-sink", new Dictionary<string, string>()));

        Assert.Contains("stale configuration", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count); // the first attempt and AiPlatform:Resilience:MaxRetryAttempts (3) retries
    }

    [Fact]
    public async Task A_malformed_body_is_a_typed_error()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/connectors/{name}/status", () => Json("""{"name": "orders-sink", "connector": """, 200)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<IKafkaConnectClient>().GetConnectorStatusAsync("orders-sink"));

        Assert.Equal("MalformedResponse", error.ErrorCode);
        Assert.Equal("GetConnectorStatus", error.Operation);
    }

    [Fact]
    public async Task Basic_credentials_from_configuration_are_sent()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Json("""{"version":"3.9.0","commit":"c","kafka_cluster_id":"k"}""", 200)));
        await using var provider = Build(server);

        await provider.GetRequiredService<IKafkaConnectClient>().GetClusterInfoAsync();

        Assert.Equal(PlatformHost.Basic("connect-admin", "s3cret").ToString(), Assert.Single(server.Requests).Headers["Authorization"]);
    }

    private static IResult Json(string body, int status) => Results.Text(body, "application/json", statusCode: status);

    private static ServiceProvider Build(KestrelTestServer server) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:KafkaConnect:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:KafkaConnect:Username"] = "connect-admin",
            ["DataPlatform:KafkaConnect:Password"] = "s3cret",
        },
        p => p.AddKafkaConnect());
}
