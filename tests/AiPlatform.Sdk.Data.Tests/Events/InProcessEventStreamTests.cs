using AiPlatform.Sdk.Data.Events;

namespace AiPlatform.Sdk.Data.Tests.Events;

public sealed class InProcessEventStreamTests : EventStreamSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Events:Capacity"] = "100",
    };

    [Fact]
    public async Task Publisher_waits_while_the_topic_is_full()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Events:Capacity"] = "2" });
        var stream = (IEventStream)host.Services.GetService(typeof(IEventStream))!;
        var topic = NewTopic();
        await stream.PublishAsync(topic, Event("1"));
        await stream.PublishAsync(topic, Event("2"));

        var third = stream.PublishAsync(topic, Event("3"));
        var blocked = !third.IsCompleted;
        var consumed = 0;
        using var cts = new CancellationTokenSource();
        var consuming = stream.ConsumeAsync(topic, "g", (_, _) => { Interlocked.Increment(ref consumed); return Task.CompletedTask; }, cts.Token);
        await third.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await consuming;

        Assert.True(blocked);
        Assert.True(consumed >= 1);
    }
}
