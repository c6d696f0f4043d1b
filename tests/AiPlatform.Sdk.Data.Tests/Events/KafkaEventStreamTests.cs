using AiPlatform.Sdk.Data.Events;

namespace AiPlatform.Sdk.Data.Tests.Events;

/// <summary>
/// The shared suite against librdkafka's mock cluster (three brokers, in process): Kafka's protocol as librdkafka implements it
/// for tests, not a Kafka broker, hence the trait.
/// </summary>
[Collection(KafkaCollection.Name)]
[Trait("Kind", "MockCluster")]
public sealed class KafkaEventStreamTests(KafkaMockCluster cluster) : EventStreamSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Events:ConnectionString"] = cluster.BootstrapServers,
    };

    [Fact]
    public async Task Leader_broker_that_disappears_mid_stream_loses_nothing_acknowledged()
    {
        var topic = NewTopic();
        cluster.CreateTopic(topic, partitions: 1);
        cluster.SetLeader(topic, partition: 0, brokerId: 2);
        var leader = cluster.LeaderOf(topic, partition: 0);
        var received = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();
        var consuming = Stream.ConsumeAsync(topic, "survivors", (e, _) =>
        {
            received.AddOrUpdate(System.Text.Encoding.UTF8.GetString(e.Payload.Span), 1, (_, n) => n + 1);
            if (received.Count == 40)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        }, cts.Token);
        for (var i = 0; i < 20; i++)
        {
            await Stream.PublishAsync(topic, Event($"{i}", key: $"k{i}"));
        }

        cluster.SetBroker(leader, up: false);
        var during = Enumerable.Range(20, 20).Select(i => Stream.PublishAsync(topic, Event($"{i}", key: $"k{i}"))).ToList();
        await Task.Delay(500);
        cluster.SetBroker(leader, up: true);
        await Task.WhenAll(during).WaitAsync(TimeSpan.FromSeconds(60));
        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cts.CancelAsync();
        await consuming;

        // The broker taken down led the topic's only partition, so every write during the outage needed it.
        Assert.Equal(2, leader);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"{i}").Order(), received.Keys.Order());
    }

    [Fact]
    public async Task Unreachable_brokers_fail_the_publish_naming_the_service_and_endpoint()
    {
        using var host = TestHost.Build(new Dictionary<string, string?>
        {
            ["AiPlatform:Data:Events:ConnectionString"] = "127.0.0.1:9",
            ["AiPlatform:Data:Events:PublishTimeout"] = "00:00:02",
        });
        var stream = (IEventStream)host.Services.GetService(typeof(IEventStream))!;

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => stream.PublishAsync(NewTopic(), Event("x")));

        Assert.Equal("events", error.Service);
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
    }
}
