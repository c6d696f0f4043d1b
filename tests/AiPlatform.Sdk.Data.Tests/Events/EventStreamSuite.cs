using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using AiPlatform.Sdk.Data.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Tests.Events;

/// <summary>The delivery semantics every <see cref="IEventStream"/> provider shares; one subclass per provider.</summary>
public abstract class EventStreamSuite : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private IHost? _host;

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected IEventStream Stream => (_host ??= TestHost.Build(WithFastRetries(Settings))).Services.GetRequiredService<IEventStream>();

    protected static string NewTopic() => $"t-{Guid.NewGuid():N}";

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Events_arrive_with_type_version_key_and_payload()
    {
        var topic = NewTopic();
        await Stream.PublishAsync(topic, Event("42", key: "order-1", version: 3));
        var received = new TaskCompletionSource<StreamEvent>();

        using var cts = new CancellationTokenSource();
        var consuming = Stream.ConsumeAsync(topic, "g", (e, _) => { received.TrySetResult(e); return Task.CompletedTask; }, cts.Token);
        var message = await received.Task.WaitAsync(Patience);
        await cts.CancelAsync();
        await consuming;

        Assert.Equal("42", Encoding.UTF8.GetString(message.Payload.Span));
        Assert.Equal("order-1", message.Key);
        Assert.Equal(3, message.Version);
        Assert.Equal("TestEvent", message.Type);
        Assert.Equal(topic, message.Topic);
    }

    [Fact]
    public async Task Handler_span_continues_the_publisher_trace()
    {
        var topic = NewTopic();
        using var source = new ActivitySource("AiPlatform.Data.Tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("AiPlatform.Data", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        ActivityTraceId published;
        using (var root = source.StartActivity("request"))
        {
            published = root!.TraceId;
            await Stream.PublishAsync(topic, Event("1"));
        }

        var handled = new TaskCompletionSource<ActivityTraceId?>();
        using var cts = new CancellationTokenSource();
        var consuming = Stream.ConsumeAsync(topic, "g", (_, _) => { handled.TrySetResult(Activity.Current?.TraceId); return Task.CompletedTask; }, cts.Token);
        var trace = await handled.Task.WaitAsync(Patience);
        await cts.CancelAsync();
        await consuming;

        Assert.Equal(published, trace);
    }

    [Fact]
    public async Task Poison_event_goes_to_the_dead_letter_topic_and_the_rest_flow_on()
    {
        var topic = NewTopic();
        for (var i = 0; i < 10; i++)
        {
            await Stream.PublishAsync(topic, Event(i.ToString(System.Globalization.CultureInfo.InvariantCulture), key: $"k{i}"));
        }

        var handled = new ConcurrentDictionary<string, int>();
        var poisonAttempts = 0;
        var allHandled = new TaskCompletionSource();
        var deadLetter = new TaskCompletionSource<StreamEvent>();
        using var cts = new CancellationTokenSource();

        var consuming = Stream.ConsumeAsync(topic, "g", (e, _) =>
        {
            var payload = Encoding.UTF8.GetString(e.Payload.Span);
            if (payload == "3")
            {
                Interlocked.Increment(ref poisonAttempts);
                throw new InvalidOperationException("poison 3");
            }

            handled.AddOrUpdate(payload, 1, (_, n) => n + 1);
            if (handled.Count == 9)
            {
                allHandled.TrySetResult();
            }

            return Task.CompletedTask;
        }, cts.Token);
        var dead = Stream.ConsumeAsync(topic + ".dead-letter", "dlq-readers", (e, _) => { deadLetter.TrySetResult(e); return Task.CompletedTask; }, cts.Token);
        var letter = await deadLetter.Task.WaitAsync(Patience);
        await allHandled.Task.WaitAsync(Patience);
        await cts.CancelAsync();
        await Task.WhenAll(consuming, dead);

        Assert.Equal(Enumerable.Range(0, 10).Where(i => i != 3).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), handled.Keys.Order());
        Assert.All(handled.Values, n => Assert.Equal(1, n));
        Assert.Equal(3, poisonAttempts);
        Assert.Equal("3", Encoding.UTF8.GetString(letter.Payload.Span));
        Assert.Equal("poison 3", letter.Headers[EventHeaders.Error]);
        Assert.Equal(topic, letter.Headers[EventHeaders.OriginalTopic]);
        Assert.Equal("3", letter.Headers[EventHeaders.Attempts]);
        Assert.Equal("k3", letter.Key);
    }

    [Fact]
    public async Task Consumer_stopped_mid_batch_is_resumed_at_the_committed_offset_with_nothing_lost()
    {
        const int total = 40;
        const int acknowledgedBeforeCrash = 15;
        var topic = NewTopic();
        for (var i = 0; i < total; i++)
        {
            await Stream.PublishAsync(topic, Event(i.ToString(System.Globalization.CultureInfo.InvariantCulture), key: $"k{i % 7}"));
        }

        var first = new List<string>();
        using (var crash = new CancellationTokenSource())
        {
            await Stream.ConsumeAsync(topic, "workers", (e, token) =>
            {
                if (first.Count == acknowledgedBeforeCrash)
                {
                    crash.Cancel();
                    token.ThrowIfCancellationRequested();
                }

                first.Add(Encoding.UTF8.GetString(e.Payload.Span));
                return Task.CompletedTask;
            }, crash.Token).WaitAsync(Patience);
        }

        var second = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();
        var resumed = Stream.ConsumeAsync(topic, "workers", (e, _) =>
        {
            second.Enqueue(Encoding.UTF8.GetString(e.Payload.Span));
            if (first.Union(second).Distinct().Count() == total)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        }, cts.Token);
        await done.Task.WaitAsync(Patience);
        await cts.CancelAsync();
        await resumed;

        Assert.Equal(acknowledgedBeforeCrash, first.Count);
        Assert.Equal(total - acknowledgedBeforeCrash, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(total, first.Concat(second).Distinct().Count());
    }

    [Fact]
    public async Task Typed_publisher_and_hosted_consumer_exchange_payloads()
    {
        var topic = new EventTopic<OrderPlaced>(NewTopic(), TestJsonContext.Default.OrderPlaced, SchemaVersion: 2);
        var received = new TaskCompletionSource<(OrderPlaced Payload, StreamEvent Raw)>();
        using var host = TestHost.Build(WithFastRetries(Settings), data => data
            .AddEventPublisher(topic)
            .AddEventConsumer(topic, "typed", (_, payload, raw, _) => { received.TrySetResult((payload, raw)); return Task.CompletedTask; }));
        await host.StartAsync();

        await host.Services.GetRequiredService<IEventPublisher<OrderPlaced>>().PublishAsync(new OrderPlaced("o-1", 9.5m), "o-1");
        var (payload, raw) = await received.Task.WaitAsync(Patience);
        await host.StopAsync();

        Assert.Equal(new OrderPlaced("o-1", 9.5m), payload);
        Assert.Equal(2, raw.Version);
        Assert.Equal(nameof(OrderPlaced), raw.Type);
    }

    [Fact]
    public async Task Invalid_topic_names_are_rejected()
    {
        await Assert.ThrowsAsync<AiPlatformValidationException>(() => Stream.PublishAsync("bad topic/..", Event("x")));
    }

    protected static StreamEvent Event(string payload, string? key = null, int version = 1) =>
        new() { Type = "TestEvent", Version = version, Key = key, Payload = Encoding.UTF8.GetBytes(payload) };

    private static Dictionary<string, string?> WithFastRetries(IReadOnlyDictionary<string, string?> settings) =>
        new(settings)
        {
            ["AiPlatform:Data:Events:RetryBackoff"] = "00:00:00.010",
            ["AiPlatform:Data:Events:MaxAttempts"] = "3",
            ["AiPlatform:Data:Events:SessionTimeout"] = "00:00:06",
        };
}
