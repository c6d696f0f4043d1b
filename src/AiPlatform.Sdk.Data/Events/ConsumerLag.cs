using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>The consumer-lag gauge <c>aiplatform.events.consumer.lag</c>: events behind the end of each partition, per group.</summary>
internal sealed class ConsumerLag
{
    private readonly ConcurrentDictionary<(string Topic, string Group, int Partition), long> _lag = new();

    public ConsumerLag(Meter meter, bool enabled)
    {
        if (enabled)
        {
            meter.CreateObservableGauge("aiplatform.events.consumer.lag", Observe, "{event}", "Events not yet consumed, per topic, group and partition.");
        }
    }

    public void Set(string topic, string group, int partition, long lag) => _lag[(topic, group, partition)] = Math.Max(0, lag);

    public long Get(string topic, string group) => _lag.Where(p => p.Key.Topic == topic && p.Key.Group == group).Sum(p => p.Value);

    private IEnumerable<Measurement<long>> Observe() => _lag.Select(p => new Measurement<long>(p.Value, new TagList
    {
        { "messaging.destination.name", p.Key.Topic },
        { "messaging.consumer.group.name", p.Key.Group },
        { "messaging.destination.partition.id", p.Key.Partition },
    }));
}
