using System.Text;
using AiPlatform.Sdk.Data.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AiPlatform.Sdk.Data.Tests.Events;

public sealed class InProcessEventStreamTests : EventStreamSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Events:Capacity"] = "100",
    };

    [Fact]
    public async Task A_full_topic_drops_its_oldest_events_counts_them_and_never_makes_the_publisher_wait()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Events:Capacity"] = "2" });
        using var dropped = new MetricCollector<long>(null, "AiPlatform.Data", "aiplatform.events.dropped");
        var stream = host.Services.GetRequiredService<IEventStream>();
        var topic = NewTopic();

        foreach (var payload in new[] { "1", "2", "3" })
        {
            await stream.PublishAsync(topic, Event(payload));
        }

        Assert.Equal(["2", "3"], await ConsumeAsync(stream, topic, until: p => p == "3"));
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Where(m => Equals(m.Tags["messaging.destination.name"], topic)).Sum(m => m.Value));
    }

    [Fact]
    public async Task A_full_topic_refuses_the_publish_at_once_with_507_when_dropping_is_off()
    {
        using var host = TestHost.Build(new Dictionary<string, string?>
        {
            ["AiPlatform:Data:Events:Capacity"] = "2",
            ["AiPlatform:Data:Events:DropOldestWhenFull"] = "false",
        });
        var stream = host.Services.GetRequiredService<IEventStream>();
        var topic = NewTopic();
        await stream.PublishAsync(topic, Event("1"));
        await stream.PublishAsync(topic, Event("2"));

        var error = await Assert.ThrowsAsync<AiPlatformThrottledException>(() => stream.PublishAsync(topic, Event("3")));

        Assert.Equal(507, error.StatusCode);
        Assert.Contains("Capacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bus_retains_at_most_MaxBytes_keeping_the_newest_events()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Events:MaxBytes"] = "4096" });
        var stream = host.Services.GetRequiredService<IEventStream>();
        var topic = NewTopic();
        for (var i = 0; i < 10; i++)
        {
            await stream.PublishAsync(topic, Event($"{i}:{new string('x', 1000)}"));
        }

        var kept = (await ConsumeAsync(stream, topic, until: p => p.StartsWith("9:", StringComparison.Ordinal))).Select(p => p.Split(':')[0]).ToList();

        // Each event holds more than 1,000 bytes, so at most four fit in 4,096; the newest are the ones kept.
        Assert.InRange(kept.Count, 1, 4);
        Assert.Equal(Enumerable.Range(10 - kept.Count, kept.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), kept);
    }

    [Fact]
    public async Task Topics_beyond_MaxTopics_are_refused_with_507()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Events:MaxTopics"] = "2" });
        var stream = host.Services.GetRequiredService<IEventStream>();
        await stream.PublishAsync(NewTopic(), Event("1"));
        await stream.PublishAsync(NewTopic(), Event("2"));

        var error = await Assert.ThrowsAsync<AiPlatformThrottledException>(() => stream.PublishAsync(NewTopic(), Event("3")));

        Assert.Equal(507, error.StatusCode);
        Assert.Contains("MaxTopics", error.Message, StringComparison.Ordinal);
    }

    // Consumes with a fresh group until an event matches; a group starts at the oldest retained event.
    private static async Task<List<string>> ConsumeAsync(IEventStream stream, string topic, Func<string, bool> until)
    {
        var received = new List<string>();
        var done = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();
        var consuming = stream.ConsumeAsync(topic, $"g-{Guid.NewGuid():N}", (e, _) =>
        {
            var payload = Encoding.UTF8.GetString(e.Payload.Span);
            received.Add(payload);
            if (until(payload))
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        }, cts.Token);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await consuming;
        return received;
    }
}
