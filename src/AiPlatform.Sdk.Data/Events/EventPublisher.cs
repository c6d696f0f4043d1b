using System.Text.Json;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>Serializes typed payloads with their source-generated contract and publishes them to one topic.</summary>
internal sealed class EventPublisher<T>(IEventStream stream, EventTopic<T> topic) : IEventPublisher<T>
{
    public Task PublishAsync(T payload, string? key = null, CancellationToken cancellationToken = default) =>
        stream.PublishAsync(topic.Name, new StreamEvent
        {
            Type = topic.SchemaName,
            Version = topic.SchemaVersion,
            Key = key,
            Payload = JsonSerializer.SerializeToUtf8Bytes(payload, topic.JsonTypeInfo),
        }, cancellationToken);
}
