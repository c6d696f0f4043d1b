using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AiPlatform.Sdk.Data.Events;

namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>
/// The Data layer's <see cref="IEventPublisher{T}"/> over a Flume HTTP source: each event is one Flume event whose body is the payload's
/// JSON (its <see cref="EventTopic{T}"/> contract) and whose headers carry what a Kafka event would: <c>topic</c> and <c>key</c> (the
/// headers Flume's Kafka sink routes and partitions by), the schema name and version, and the publisher's trace context.
/// </summary>
internal sealed class FlumeEventPublisher<T>(IFlumeClient flume, EventTopic<T> topic) : IEventPublisher<T>
{
    /// <summary>The header Flume's Kafka sink reads the topic from (<c>topicHeader</c>).</summary>
    internal const string TopicHeader = "topic";

    /// <summary>The header Flume's Kafka sink reads the partition key from.</summary>
    internal const string KeyHeader = "key";

    public Task PublishAsync(T payload, string? key = null, CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, string>
        {
            [TopicHeader] = topic.Name,
            [EventHeaders.Type] = topic.SchemaName,
            [EventHeaders.Version] = topic.SchemaVersion.ToString(CultureInfo.InvariantCulture),
        };
        if (key is not null)
        {
            headers[KeyHeader] = key;
        }

        if (Activity.Current is { } activity)
        {
            headers[EventHeaders.TraceParent] = activity.Id!;
            if (activity.TraceStateString is { Length: > 0 } state)
            {
                headers[EventHeaders.TraceState] = state;
            }
        }

        return flume.SendAsync([new FlumeEvent { Headers = headers, Body = JsonSerializer.Serialize(payload, topic.JsonTypeInfo) }], cancellationToken);
    }
}
